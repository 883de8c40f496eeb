import codecs

import pytest

from pipeline.readers import InputError, read_source

THAI = "ลำดับที่ ๑\n๑. ชื่อโครงการ : โครงการอบรมคุณธรรม\n" * 20


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-le", b""), ("utf-16-be", b""), ("cp874", b""),
])
def test_decodes_the_encodings_plans_come_in(tmp_path, encoding, prefix):
    path = tmp_path / "plan.txt"
    path.write_bytes(prefix + THAI.encode(encoding))
    assert read_source(path).text == THAI


def test_crlf_and_lone_cr_become_lf(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("ก\r\nข\rค\n".encode())
    assert read_source(path).text == "ก\nข\nค\n"


def test_control_characters_are_removed_and_counted(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("ก\x0bข\x01ค\tง\n".encode())
    source = read_source(path)
    assert source.text == "กขค\tง\n" and source.control_chars == 2


@pytest.mark.parametrize("data,problem", [
    (b"", "empty"), (b"  \n\n ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00rest", "PNG image"),
    (b"%PDF-1.7\n...", "PDF"), (b"\x00\x01\x02\x03\xff\xfe\x00\x00" * 100, "binary"),
    (bytes(range(128, 256)) * 20, "encoding"),
])
def test_unreadable_input_gets_a_one_line_reason(tmp_path, data, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_source(path)
    assert problem in str(err.value) and "\n" not in str(err.value)


def test_missing_path(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")


def test_the_library_error_names_the_file(tmp_path):
    import pipeline
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(pipeline.InputError) as err:
        pipeline.parse(path)
    assert str(err.value) == f"{path}: file is empty" and err.value.problem == "file is empty"
