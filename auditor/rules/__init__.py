"""Rule packs: the loader with file:line errors (``loader``), its compiled-pack cache and the rule
catalogue. The YAML schema itself is a model (``auditor.models.pack``; ``schema`` re-exports it)."""
