"""Packaging beyond pyproject.toml: what the analyses read from data/ ships as helpers.resources."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["helpers", "helpers.*"]) + ["helpers.resources"],
    package_dir={"helpers.resources": "data"},
    package_data={
        "helpers": ["site/templates/**/*", "schemas/*"],
        "helpers.resources": ["lexicons/*.yaml", "lexicons/*.json", "lexicons/*.md", "sources.yaml", "publications.yaml",
                              "rubrics/*.yaml", "generic/*.yaml", "README.md"],
    },
)
