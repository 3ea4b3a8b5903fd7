"""Prints a snippet of README.md that the stranger's-project check builds on.

Usage: readme_snippet.py README.md NAME [--part dependencyManagement|dependencies]

NAME is dependencies, quickstart or boot-dependency. The snippet is the fenced code between
<!-- snippet:NAME --> and <!-- /snippet:NAME --> when README.md has those markers; without them,
the first ```xml block of the section "Add the dependency" (dependencies), every ```java block of
the section "Quick start" (quickstart, separated by a line holding only //--) or the first ```xml
block of the section "Spring Boot" (boot-dependency). --part keeps one element of an XML snippet.
"""

import re
import sys

SECTIONS = {
    "dependencies": ("add the dependency", "xml", False),
    "quickstart": ("quick start", "java", True),
    "boot-dependency": ("spring boot", "xml", False),
}


def fenced(text, language):
    """The bodies of the fenced blocks of one language, in order."""
    return re.findall(r"^```" + language + r"[^\n]*\n(.*?)^```", text, re.M | re.S)


def snippet(readme, name):
    marked = re.search(
        r"<!--\s*snippet:" + re.escape(name) + r"\s*-->(.*?)<!--\s*/snippet:" + re.escape(name) + r"\s*-->",
        readme,
        re.S,
    )
    heading, language, every = SECTIONS[name]
    if marked:
        source, blocks = "markers", fenced(marked.group(1), language) or fenced(marked.group(1), "")
    else:
        section = re.search(
            r"^##\s+" + re.escape(heading) + r"[^\n]*\n(.*?)(?=^##\s|\Z)", readme, re.M | re.S | re.I
        )
        if not section:
            sys.exit(f"README.md has neither <!-- snippet:{name} --> markers nor a '## {heading}' section")
        source, blocks = f"section '## {heading}'", fenced(section.group(1), language)
    if not blocks:
        sys.exit(f"README.md: no ```{language} block for {name} ({source})")
    print(f"[release] README.md {name}: {len(blocks) if every else 1} block(s) from {source}", file=sys.stderr)
    return "//--\n".join(blocks) if every else blocks[0]


def part(xml, element):
    if element != "dependencyManagement":  # its own <dependencies> is not the one wanted
        xml = re.sub(r"<dependencyManagement>.*</dependencyManagement>", "", xml, flags=re.S)
    found = re.search(r"<" + element + r">.*</" + element + r">", xml, re.S)
    if not found:
        sys.exit(f"README.md snippet has no <{element}>")
    return found.group(0)


if __name__ == "__main__":
    text = snippet(open(sys.argv[1], encoding="utf-8").read(), sys.argv[2])
    if len(sys.argv) > 4 and sys.argv[3] == "--part":
        text = part(text, sys.argv[4])
    sys.stdout.write(text)
