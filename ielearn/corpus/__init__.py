"""Sources of parallel text: the synthetic demo and a user's own files."""
