"""TOML files: parsed whole, every failure one InputFileError naming the file and the kind."""

import pytest

from reentrant.errors import InputFileError
from reentrant.io.toml import read_toml


def test_reads_tables_and_values(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('model = "x"\n[vary]\nd = [1, 2.5]\n')
    assert read_toml(path) == {"model": "x", "vary": {"d": [1, 2.5]}}


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (None, "missing.toml: cannot read spec"),
        (b"\xff\xfe", "is not UTF-8 text"),
        (b"model = \n", "invalid TOML"),
    ],
)
def test_unreadable_files_name_the_file(tmp_path, content, match):
    path = tmp_path / ("missing.toml" if content is None else "bad.toml")
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputFileError, match=match):
        read_toml(path, "spec")
