"""The learner state: what every view says about one student, computed once by a pure module."""
