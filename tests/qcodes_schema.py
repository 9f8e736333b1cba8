"""The tables of a QCoDeS database, for building reference databases with sqlite3 in tests.

qcodes ``dataset/sqlite/initial_schema.py`` (experiments, runs, layouts, dependencies) with the
columns and tables its upgrades add up to schema version 9 (``guid``, ``run_description``,
``snapshot``, ``captured_run_id``, ``captured_counter``, ``parent_datasets``, ``dataset_links``).
"""

SCHEMA = """
CREATE TABLE experiments (exp_id INTEGER PRIMARY KEY, name TEXT, sample_name TEXT,
    start_time INTEGER, end_time INTEGER, run_counter INTEGER, format_string TEXT);
CREATE TABLE runs (run_id INTEGER PRIMARY KEY, exp_id INTEGER, name TEXT,
    result_table_name TEXT, result_counter INTEGER, run_timestamp INTEGER,
    completed_timestamp INTEGER, is_completed BOOL, parameters TEXT, guid TEXT,
    run_description TEXT, snapshot TEXT, captured_run_id INTEGER, captured_counter INTEGER,
    parent_datasets TEXT,
    FOREIGN KEY(exp_id) REFERENCES experiments(exp_id));
CREATE TABLE layouts (layout_id INTEGER PRIMARY KEY, run_id INTEGER, parameter TEXT,
    label TEXT, unit TEXT, inferred_from TEXT, FOREIGN KEY(run_id) REFERENCES runs(run_id));
CREATE TABLE dependencies (dependent INTEGER, independent INTEGER, axis_num INTEGER);
CREATE TABLE dataset_links (source_dataset_guid TEXT, target_dataset_guid TEXT,
    link_type TEXT, description TEXT);
"""
