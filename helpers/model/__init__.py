"""Layer 2, model: what the course reads and writes — the article (loaded and segmented), its
pack (``data/annotations/<id>/``), the lexicons, and a student's saved work. Imports only core."""
