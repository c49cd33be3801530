"""A Go text/template engine for lokisim: what Promtail's template/replace stages and LogQL's
line_format/label_format accept, rendered as Go (1.24, sprig v3.3) renders it, and refused
loudly otherwise.

    # Promtail template stage (template.go): map[string]interface{}, missingkey=default
    tmpl = compile_template(cfg_template, name="pipeline_template", funcs=PROMTAIL_FUNCS)
    tmpl.execute({**extracted_strings, "Value": value, "Entry": line})

    # Promtail replace stage (replace.go): the same functions, map[string]string data
    tmpl = compile_template(cfg_replace, name="pipeline_template", funcs=PROMTAIL_FUNCS,
                            data_type="map[string]string")

    # LogQL line_format ("line") / label_format ("label"), fmt.go: missingkey=zero
    funcs = with_line_and_timestamp(LOGQL_FUNCS, lambda: cur.line, lambda: cur.ts_ns)
    tmpl = compile_template(text, name="line", funcs=funcs, missingkey="zero",
                            data_type="map[string]string")

compile_template raises TemplateError (Go's parse error text, a UserError) or
UnsupportedTemplateFeature; Template.execute raises TemplateExecError (Go's ExecError text,
which Loki copies into __error_details__). The Local time zone is UTC, as in the images.

Refused (UnsupportedTemplateFeature): {{define}}, {{template}}, {{block}}, the `call`
builtin, complex-number constants, printf's %p / %#v / argument indexes / `*` widths, time.Time
methods other than those in methods.py, and the sprig functions in SPRIG_UNSUPPORTED.
"""

from __future__ import annotations

from sim.gotemplate.errors import TemplateError, TemplateExecError, UnsupportedTemplateFeature
from sim.gotemplate.funcs_logql import LOGQL_FUNCS, with_line_and_timestamp
from sim.gotemplate.funcs_promtail import PROMTAIL_FUNCS, SPRIG_UNSUPPORTED
from sim.gotemplate.gotypes import StrMap
from sim.gotemplate.signature import FuncMap, GoFunc, Unsupported, gofunc
from sim.gotemplate.template import Template, compile_template

__all__ = [
    "LOGQL_FUNCS",
    "PROMTAIL_FUNCS",
    "SPRIG_UNSUPPORTED",
    "FuncMap",
    "GoFunc",
    "StrMap",
    "Template",
    "TemplateError",
    "TemplateExecError",
    "Unsupported",
    "UnsupportedTemplateFeature",
    "compile_template",
    "gofunc",
    "with_line_and_timestamp",
]
