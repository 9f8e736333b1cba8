"""The README's Python API snippet runs as written and returns what its comments say."""

import re
from pathlib import Path

import numpy as np

README = Path(__file__).resolve().parents[1] / "README.md"


def _api_snippet() -> str:
    text = README.read_text()
    section = text[text.index("## Python API") :]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_readme_api_snippet_runs_and_gives_kelvin_over_tesla():
    namespace: dict = {}
    exec(compile(_api_snippet(), str(README), "exec"), namespace)
    ds, mine = namespace["ds"], namespace["mine"]
    assert ds.tc.attrs["units"] == "K" and ds.field.attrs["units"] == "T"
    assert ds.sizes["field"] == 41
    np.testing.assert_allclose(ds.tc.values[0], 0.4, rtol=1e-3)  # the preset's tc0 = 0.4 K
    reduced = mine.tc_curve(field=[0, 1, 2], uniform=True)
    assert reduced.tc.attrs["units"] == "T_c0" and reduced.field.attrs["units"] == "T_c0"
