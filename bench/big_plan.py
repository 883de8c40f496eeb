"""A plan of N projects in one file, laid out like the real one (Part 2 table, Part 3 sections),
with titles made of the real plan's words so that no two are alike: for measuring how the
matching and the checks grow with the plan (python bench/big_plan.py 3000 > big.txt)."""
from __future__ import annotations

import random
import sys

WORDS = ("โครงการ ส่งเสริม พัฒนา คุณธรรม จริยธรรม ความโปร่งใส การมีส่วนร่วม ประชาชน บุคลากร ท้องถิ่น "
         "เครือข่าย ต่อต้าน การทุจริต เยาวชน ผู้บริหาร สมาชิกสภา ข้อมูลข่าวสาร การจัดซื้อจัดจ้าง "
         "ธรรมาภิบาล ความซื่อสัตย์ การตรวจสอบ ภายใน กิจกรรม มาตรการ จิตสำนึก อบรม เผยแพร่ "
         "ประชาสัมพันธ์ ร้องเรียน บริการ เศรษฐกิจพอเพียง วินัย การเงิน การคลัง งบประมาณ").split()


def plan_text(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    titles, seen = [], set()
    while len(titles) < n:
        title = "".join(rng.sample(WORDS, 5))
        if title not in seen:
            seen.add(title)
            titles.append(title)
    dims = 4
    per = -(-n // dims)
    out = ["แผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรมและความโปร่งใส", "ขององค์การบริหารส่วนตำบลทดสอบ",
           "(พ.ศ. 2567 - 2570)", "", f"ส่วนที่ 2 ประกอบด้วย โครงการ/กิจกรรม/มาตรการ รวมทั้งสิ้นจำนวน {n} โครงการ ดังนี้",
           "", "ส่วนที่ 2", "",
           "มิติ\tภารกิจตามมิติ\tโครงการ/กิจกรรม/มาตรการ\tปี 2567\tปี 2568\tปี 2569\tปี 2570\tหมายเหตุ",
           "\t\t\tงบประมาณ (บาท)\tงบประมาณ (บาท)\tงบประมาณ (บาท)\tงบประมาณ (บาท)\t"]
    for k, title in enumerate(titles):
        dim = k // per + 1
        first = f"{dim}. มิติที่ {dim}" if k % per == 0 else ""
        amount = f"{(k % 7 + 1) * 1000:,}"
        out.append(f"{first}\t{dim}.1 ภารกิจ\t{k + 1}) {title}\t{amount}\t{amount}\t{amount}\t{amount}\t")
    out += ["", "ส่วนที่ 3", ""]
    for k, title in enumerate(titles):
        dim = k // per + 1
        if k % per == 0:
            out += [f"มิติที่ {dim} มิติที่ {dim}", "", f"{dim}.1 ภารกิจ", ""]
        amount = f"{(k % 7 + 1) * 1000:,}"
        out += [f"ลำดับที่ {k + 1}", "", f"1. ชื่อโครงการ : {title}", "", "2. หลักการและเหตุผล", "", "เหตุผลของโครงการ",
                "", "3. วัตถุประสงค์", "", "1) เพื่อส่งเสริม", "", "4. กลุ่มเป้าหมาย", "", "บุคลากร จำนวน 30 คน", "",
                "5. วิธีดำเนินการ", "", "1) จัดทำโครงการ", "", "6. ระยะเวลาดำเนินการ", "", "ปีงบประมาณ พ.ศ. 2567 - 2570",
                "", "7. งบประมาณดำเนินการ", "", f"{amount} บาท", "", "8. ผู้รับผิดชอบโครงการ", "", "สำนักปลัด", "",
                "9. ผลผลิต/ผลลัพธ์", "", "ผลผลิต", "", "มีการดำเนินการ", "", "ผลลัพธ์", "", "ประชาชนได้ประโยชน์", ""]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(plan_text(int(sys.argv[1]) if len(sys.argv) > 1 else 3000))
