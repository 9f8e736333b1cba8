"""The one output writer: endings, places, ownership marks, atomicity, stale-file removal."""

import json
import os

import matplotlib.pyplot as plt
import numpy as np
import pytest
import xarray as xr

from reentrant.errors import OutputFileError
from reentrant.io import output
from reentrant.io.output import (
    CREATED_BY,
    MANIFEST,
    check_directory,
    check_output,
    check_outputs,
    is_ours,
    remove_stale,
    save_figure,
    sha256,
    write_netcdf,
    write_text,
)


def _data(value: float = 1.0) -> xr.Dataset:
    return xr.Dataset(
        {"tc": ("field", np.array([value, 0.5]), {"units": "K"})},
        coords={"field": ("field", [0.0, 1.0], {"units": "T"})},
        attrs={"origin": "test"},
    )


def _unwritable(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    for candidate in (ro, "/sys", "/proc/sys"):
        try:
            with open(os.path.join(candidate, ".probe"), "w"):
                pass
        except OSError:
            return candidate
        os.unlink(os.path.join(candidate, ".probe"))
    pytest.skip("no unwritable directory available")


def test_netcdf_is_marked_and_reads_back(tmp_path):
    import reentrant

    path = write_netcdf(_data(), tmp_path / "a.nc")
    back = xr.load_dataset(path)
    assert back.attrs[CREATED_BY] == f"reentrant {reentrant.__version__}"
    xr.testing.assert_identical(back.drop_attrs(deep=False), _data().drop_attrs(deep=False))
    assert back.attrs["origin"] == "test"
    assert is_ours(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.nc"]  # no temporary, no manifest


def test_groups_in_one_file(tmp_path):
    path = write_netcdf({"one": _data(1.0), "two": _data(2.0)}, tmp_path / "g.nc")
    assert float(xr.load_dataset(path, group="two").tc[0]) == 2.0
    assert is_ours(path)


def test_foreign_file_is_refused_unless_forced(tmp_path):
    path = tmp_path / "measurement.nc"
    _data().to_netcdf(path, engine="scipy")  # somebody else's NetCDF (classic format)
    before = path.read_bytes()
    assert not is_ours(path)
    with pytest.raises(OutputFileError, match="not written by reentrant.*--force"):
        write_netcdf(_data(2.0), path)
    assert path.read_bytes() == before
    write_netcdf(_data(2.0), path, force=True)
    assert float(xr.load_dataset(path).tc[0]) == 2.0
    write_netcdf(_data(3.0), path)  # now ours: replaced without force
    assert float(xr.load_dataset(path).tc[0]) == 3.0


@pytest.mark.parametrize(
    ("name", "suffix", "match"),
    [
        ("x.csv", ".nc", "must end in .nc"),
        ("x", ".nc", "no ending"),
        ("x.nc", ".json", "must end in .json"),
        ("x.nc", ".xyz", "unknown output format"),
    ],
)
def test_wrong_ending_is_refused(tmp_path, name, suffix, match):
    with pytest.raises(OutputFileError, match=match):
        check_output(tmp_path / name, suffix)


def test_places_that_cannot_take_the_file(tmp_path):
    (tmp_path / "dir.nc").mkdir()
    with pytest.raises(OutputFileError, match="is a directory"):
        check_output(tmp_path / "dir.nc", ".nc")
    with pytest.raises(OutputFileError, match="does not exist"):
        check_output(tmp_path / "nope" / "x.nc", ".nc")
    with pytest.raises(OutputFileError, match="not writable"):
        check_output(os.path.join(_unwritable(tmp_path), "x.nc"), ".nc")


def test_output_directories(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputFileError, match="exists and is not a directory"):
        check_directory(tmp_path / "file")
    with pytest.raises(OutputFileError, match="parent directory .* does not exist"):
        check_directory(tmp_path / "a" / "b")
    with pytest.raises(OutputFileError, match="not writable"):
        check_directory(os.path.join(_unwritable(tmp_path), "out"))
    assert check_directory(tmp_path / "new") == tmp_path / "new"
    assert not (tmp_path / "new").exists()  # checked, not created
    out = tmp_path / "out"
    out.mkdir()
    (out / "result.json").write_text("{}")
    with pytest.raises(OutputFileError, match="result.json exists and was not written"):
        check_outputs(out, ["result.json", "fig.png"])
    check_outputs(out, ["result.json"], force=True)


def test_text_files_are_recognised_by_the_manifest(tmp_path):
    path = write_text('{"a": 1}\n', tmp_path / "s.json")
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    assert manifest == {"s.json": sha256(path)}
    assert is_ours(path)
    path.write_text('{"a": 2, "edited": "by hand"}\n')  # edited since: no longer ours
    assert not is_ours(path)
    with pytest.raises(OutputFileError, match="not written by reentrant"):
        write_text("{}", path)


def test_figures_carry_the_mark(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    png = save_figure(fig, tmp_path / "f.png")
    pdf = save_figure(fig, tmp_path / "f.pdf")
    assert is_ours(png) and is_ours(pdf)
    from PIL import Image

    with Image.open(png) as image:
        assert image.text["Software"].startswith("reentrant ")
    other = tmp_path / "g.png"
    fig.savefig(other)  # matplotlib's own mark, not ours
    assert not is_ours(other)


def test_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = write_netcdf(_data(1.0), tmp_path / "a.nc")

    def broken(self, target, *args, **kwargs):
        with open(target, "wb") as handle:
            handle.write(b"partial")
        raise KeyboardInterrupt  # SIGINT in the middle of the write

    monkeypatch.setattr(xr.Dataset, "to_netcdf", broken)
    with pytest.raises(KeyboardInterrupt):
        write_netcdf(_data(2.0), path)
    monkeypatch.undo()
    assert float(xr.load_dataset(path).tc[0]) == 1.0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.nc"]


def test_os_errors_become_output_file_errors(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.Path, "write_text", full)
    with pytest.raises(OutputFileError, match="cannot write .*No space left on device"):
        write_text("x", tmp_path / "a.csv")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_remove_stale_keeps_files_not_ours(tmp_path):
    fig, ax = plt.subplots()
    ours_png = save_figure(fig, tmp_path / "old.png")
    ours_csv = write_text("a,b\n", tmp_path / "old.csv")
    theirs = tmp_path / "theirs.png"
    fig.savefig(theirs)
    removed = remove_stale(tmp_path, ["old.png", "old.csv", "theirs.png", "absent.png"])
    assert sorted(p.name for p in removed) == ["old.csv", "old.png"]
    assert not ours_png.exists() and not ours_csv.exists() and theirs.exists()
    assert json.loads((tmp_path / MANIFEST).read_text()) == {}
