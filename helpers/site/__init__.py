"""Layer 5, site: the build — notebook parameters, execution, the cache, the two editions'
pages and their offline assets. Imports every layer below; only the command line imports it."""
