"""Exchange: what leaves Pacewise for other systems and for the clinic visit.

- `pacewise.exchange.fhir`: questionnaire results as a FHIR R4 Bundle
  (Patient, Questionnaire, QuestionnaireResponse, Observation) and our own check
  of the codes in it, because the FHIR library checks structure, not terminology.
- `pacewise.exchange.report`: the "bring this to your appointment" visit report,
  as HTML (browser preview) and PDF (WeasyPrint), with server-side SVG charts.

Plain dataclasses in, dicts/str/bytes out: no Django, no database, no clock.
Heavy libraries (fhir.resources, WeasyPrint) are imported inside the functions
that need them, so importing this package stays cheap. See docs/exchange.md.
"""
