from pipeline.normalise import normalise, normalise_text


def test_thai_digits_dashes_quotes_and_spaces():
    assert normalise_text("ปีงบประมาณ พ.ศ. ๒๕๖๖ – ๒๕๗๐") == "ปีงบประมาณ พ.ศ. 2566 - 2570"
    assert normalise_text("กิจกรรม “สร้างความโปร่งใส”") == 'กิจกรรม "สร้างความโปร่งใส"'
    assert normalise_text("  ก   ข\u00a0ค  ") == "ก ข ค"
    assert normalise_text("๑๐,๐๐๐ บาท — ๕") == "10,000 บาท - 5"


def test_nikhahit_plus_sara_aa_becomes_sara_am():
    assert normalise_text("ดําเนินการ") == "ดำเนินการ"


def test_tabs_survive_for_the_table():
    assert normalise_text("\t\t๑) ก\t-") == "\t\t1) ก\t-"


def test_heading_typo_is_corrected_and_remembered_with_its_line():
    lines, notes = normalise("ส่วนที่ 3\n\nมติที่ 1 การสร้างวัฒนธรรมสุจริต\n")
    assert lines[2].text == "มิติที่ 1 การสร้างวัฒนธรรมสุจริต"
    assert lines[2].raw == "มติที่ 1 การสร้างวัฒนธรรมสุจริต"
    assert [(n.code, n.line) for n in notes] == [("HEADING_TYPO", 3)]


def test_mixed_digits_in_one_number_are_noted():
    lines, notes = normalise("ปีงบประมาณ พ.ศ. ๒๕61\nพ.ศ. ๒๕๖๑ และ 2561\n")
    assert lines[0].text == "ปีงบประมาณ พ.ศ. 2561"
    assert [(n.code, n.line, n.found) for n in notes] == [("MIXED_NUMERALS", 1, "๒๕61")]


def test_a_number_led_by_punctuation_does_not_crash():  # found by hypothesis: ".0๐"
    lines, notes = normalise(".0๐")
    assert [(n.code, n.found) for n in notes] == [("MIXED_NUMERALS", "0๐")]
