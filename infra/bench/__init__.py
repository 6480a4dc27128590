"""Load generator and benchmark of Waypoint's sync: `python -m infra.bench [--quick]`."""
