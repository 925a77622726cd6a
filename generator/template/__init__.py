"""The branded PowerPoint template and its ``mapping.yaml``.

``mapping.load_mapping`` reads and validates a template folder's ``mapping.yaml`` (which
layout serves which slide kind, placeholder idx per slot, colours, fonts, text sizes,
footer) into a ``Template``. ``contract.check_contract`` checks the mapping against the
layouts and placeholders the .pptx really has. ``inspect.describe_template`` lists a
template's layouts and placeholders, which is what a user reads to write a mapping for
their own corporate template.
"""
