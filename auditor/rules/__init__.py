"""Rule packs: the YAML schema (``schema``), the loader with file:line errors (``loader``)."""
