"""Privacy rights: a person takes their data with them, or has it erased."""
