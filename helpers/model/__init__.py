"""Layer 2, model: what the course reads and writes — the article (loaded and segmented), its
pack (``data/annotations/<id>/``), the lexicons (``lexicons``: where they are, how they are read),
the publications (``data/publications.yaml``), and a student's saved work. Imports only core."""
