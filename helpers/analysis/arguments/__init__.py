"""Argument maps of one article: load, check, lay out, and exchange as Argdown or AIF.

A map lives in the article pack as ``argument.yaml`` (format: ``helpers/schemas/argument.schema.json``):

* ``statements``: ``id``, ``text`` (a paraphrase), ``kind`` (claim | premise | question |
  conclusion), ``voice`` (author | reported, with ``speaker`` | contested, with ``note``),
  ``sentences`` (ids such as ``p5.s1``), optional ``quote`` (words copied exactly from those
  sentences), ``citations`` (raw strings such as ``"(Regnum, October 6)"`` or citation ids ``c3``)
  and ``note``;
* ``relations``: ``from``, ``to``, ``type`` (support | attack), optional ``scheme`` (the id of a
  scheme instance in the pack's ``schemes.yaml``) and ``note``. A relation to a question argues
  for "yes" (support) or "no" (attack).

Argumentation schemes and their critical questions are in ``data/lexicons/schemes.yaml``; an
article's scheme instances, with the status and evidence of each critical question, in the
pack's ``schemes.yaml``.

The modules, one concern each: ``model`` (statements, relations, the map), ``validate``
(checking, and loading the pack's map), ``schemes`` (schemes, critical questions, instances),
``layout`` (tables, layout and diagram data), ``argdown`` and ``aif`` (exchange formats).
"""

from helpers.analysis.arguments.aif import from_aif, to_aif
from helpers.analysis.arguments.argdown import from_argdown, to_argdown
from helpers.analysis.arguments.layout import diagram_data, layout, relation_table, statement_table
from helpers.analysis.arguments.model import (KINDS, RELATION_TYPES, VOICES, ArgumentMap, Relation, Statement,
                                              argument_map_from_dict)
from helpers.analysis.arguments.schemes import (CQ_STATUSES, CriticalQuestion, CriticalQuestionStatus, Scheme,
                                                SchemeInstance, load_scheme_instances, load_schemes,
                                                scheme_instances)
from helpers.analysis.arguments.validate import (load_argument_map, pack_argument_map, schema_path,
                                                 validate_argument_map)

__all__ = ["CQ_STATUSES", "KINDS", "RELATION_TYPES", "VOICES", "ArgumentMap", "CriticalQuestion",
           "CriticalQuestionStatus", "Relation", "Scheme", "SchemeInstance", "Statement", "argument_map_from_dict",
           "diagram_data", "from_aif", "from_argdown", "layout", "load_argument_map", "load_scheme_instances",
           "load_schemes", "pack_argument_map", "relation_table", "scheme_instances", "schema_path",
           "statement_table", "to_aif", "to_argdown", "validate_argument_map"]
