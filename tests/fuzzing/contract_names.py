"""Names the fuzz contract refers to: package parts, content types, relationship
types, namespaces and file suffixes.
"""
from __future__ import annotations

import re


# Parts a write may legitimately change (compared case-insensitively).
METADATA_PARTS = {"docprops/custom.xml", "docmetadata/labelinfo.xml", "[content_types].xml", "_rels/.rels",
                  "meta.xml", "meta-inf/manifest.xml"}
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
LABELINFO_CT = "application/vnd.ms-office.classificationlabels+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
LABELINFO_REL = "http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels"
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OOXML_SUFFIXES = {".docx", ".docm", ".dotx", ".dotm", ".xlsx", ".xlsm", ".xltx", ".xltm", ".pptx", ".pptm",
                  ".potx", ".potm", ".ppsx", ".ppsm"}
ODF_SUFFIXES = {".odt", ".ods", ".odp", ".odg", ".ott", ".ots", ".otp", ".otg"}
TEMP_GLOB = ".~labeler-*.tmp"
# Parts that may change to carry the label's visual markings (lower case): Excel sheets,
# PowerPoint masters, layouts and slides; Word's main part, its relationships, headers and footers;
# OpenDocument's styles.xml (its master pages hold headers, footers and watermarks).
MARKING_PARTS = re.compile(r"styles\.xml|xl/(worksheets|chartsheets|dialogsheets|macrosheets)/[^/]+\.xml|"
                           r"ppt/(slidemasters|slidelayouts|slides)/[^/]+\.xml|"
                           r"word/(document|header\d*|footer\d*)\.xml|word/_rels/(document|header\d*|footer\d*)\.xml\.rels")
