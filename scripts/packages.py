#!/usr/bin/env python3
"""Reads the packed packages (.nupkg + .snupkg) of a folder and writes what they hold as a manifest: metadata, files,
dependencies with versions, symbols. Used by scripts/pack-check.sh, which compares it with eng/packages.manifest.

  packages.py manifest FOLDER     print the manifest; exit 1 (after printing) when a package breaks a rule below
  packages.py same FOLDER1 FOLDER2  exit 1 unless both folders hold the same files with the same bytes

Rules, whatever the manifest says: a README of the package's own with absolute links only, an MIT license expression, a
description and tags, a .snupkg with a PDB for every DLL, no PDB in the .nupkg, and no dependency that only tests,
benchmarks, the sample or the build need (and no transitive pin such as Microsoft.IdentityModel.*); only
TwilioCallTracking.StoreTests, a library of test classes, depends on xunit.
"""
import glob, hashlib, os, re, sys, zipfile
import xml.etree.ElementTree as ET

# Packages a shipped package must never depend on directly.
FORBIDDEN_DEPENDENCIES = [
    r"xunit.*", r"Xunit\..*", r"Moq", r"Microsoft\.NET\.Test\.Sdk", r"Microsoft\.AspNetCore\.Mvc\.Testing",
    r"Microsoft\.AspNetCore\.TestHost", r"Microsoft\.Extensions\..*\.Testing", r"Microsoft\.Playwright", r"BenchmarkDotNet",
    r"NLayer", r"Microsoft\.EntityFrameworkCore\.Design", r"Microsoft\.EntityFrameworkCore\.InMemory",
    r"Microsoft\.CodeAnalysis\..*", r"Microsoft\.IdentityModel\..*", r"System\.IdentityModel\..*",
    # Transitive through the EF Core providers; a direct dependency would be a pin.
    r"Npgsql", r"Microsoft\.Data\.Sqlite", r"Microsoft\.EntityFrameworkCore",
]
# The one package made for test projects (the store contract tests) may depend on the test framework it is written in.
ALLOWED_FOR = {
    "TwilioCallTracking.StoreTests": [r"xunit\.assert", r"xunit\.extensibility\.core", r"xunit\.extensibility\.execution", r"Xunit\.SkippableFact"],
}
# Standard package plumbing, the same in every package.
OPC_FILES = {"_rels/.rels", "[Content_Types].xml", "package/services/metadata/core-properties/nuget.psmdcp"}
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)[^)]*\)|<img[^>]+src=\"([^\"]+)\"|^\[[^\]]+\]:\s*(\S+)", re.MULTILINE)


def local(tag):
    return tag.rsplit("}", 1)[-1]


def child(element, name):
    return next((c for c in element if local(c.tag) == name), None)


def text(element, name):
    found = child(element, name)
    return (found.text or "").strip() if found is not None else ""


def inspect(path, problems):
    lines = []
    with zipfile.ZipFile(path) as package:
        names = sorted(package.namelist())
        nuspec_name = next(n for n in names if n.endswith(".nuspec") and "/" not in n)
        metadata = child(ET.fromstring(package.read(nuspec_name)), "metadata")
        package_id, version = text(metadata, "id"), text(metadata, "version")
        def problem(message):
            problems.append(f"{package_id}: {message}")

        lines.append(f"{package_id} {version}")
        license_element = child(metadata, "license")
        license_text = f"{license_element.get('type')} {license_element.text}" if license_element is not None else "none"
        if license_text != "expression MIT":
            problem(f"license must be the expression MIT, is {license_text}")
        lines.append(f"  license: {license_text}")
        readme = text(metadata, "readme")
        if not readme or readme not in names:
            problem("has no README (PackageReadmeFile, and the file in the package)")
        else:
            content = package.read(readme).decode("utf-8")
            if not content.startswith(f"# {package_id}\n"):
                problem(f"{readme} does not start with '# {package_id}': is it the package's own README?")
            for match in MARKDOWN_LINK.finditer(content):
                target = next(g for g in match.groups() if g)
                if not re.match(r"(https?://|mailto:|#)", target):
                    problem(f"{readme} links to '{target}': links must be absolute (the README is shown on nuget.org)")
        lines.append(f"  readme: {readme or 'none'}")
        description = text(metadata, "description")
        if not description or description == "Package Description":
            problem("has no description")
        lines.append(f"  description: {description}")
        tags = text(metadata, "tags")
        if not tags:
            problem("has no tags")
        lines.append(f"  tags: {tags}")
        repository = child(metadata, "repository")
        if repository is None:
            lines.append("  repository: none")
        else:
            # The URL is the clone's remote and the commit changes with every commit: recorded as present, not by value.
            lines.append(f"  repository: {repository.get('type')}" + (", commit" if repository.get("commit") else ""))
        dependencies = child(metadata, "dependencies")
        for group in (dependencies if dependencies is not None else []):
            lines.append(f"  dependencies {group.get('targetFramework')}:")
            for dependency in group:
                dependency_id = dependency.get("id")
                allowed = any(re.fullmatch(pattern, dependency_id) for pattern in ALLOWED_FOR.get(package_id, []))
                if not allowed and any(re.fullmatch(pattern, dependency_id) for pattern in FORBIDDEN_DEPENDENCIES):
                    problem(f"depends on {dependency_id}, which only tests, tools or a transitive pin need")
                excluded = f" (exclude {dependency.get('exclude')})" if dependency.get("exclude") else ""
                lines.append(f"    {dependency_id} {dependency.get('version')}{excluded}")
        references = child(metadata, "frameworkReferences")
        for group in (references if references is not None else []):
            lines.append(f"  framework references {group.get('targetFramework')}: " + ", ".join(r.get("name") for r in group))
        lines.append("  files:")
        for name in names:
            if name in OPC_FILES:
                continue
            if name.endswith(".pdb"):
                problem(f"{name} belongs in the .snupkg")
            if name.endswith(".runtimeconfig.json") or name.endswith(".deps.json"):
                problem(f"{name} is an app's file, not a library's")
            lines.append(f"    {name}")
        dlls = [n for n in names if n.endswith(".dll")]

    symbols = path[: -len(".nupkg")] + ".snupkg"
    lines.append("  symbols:")
    if not os.path.exists(symbols):
        problem("has no .snupkg")
        lines.append("    none")
        return lines, None
    with zipfile.ZipFile(symbols) as package:
        names = sorted(n for n in package.namelist() if n not in OPC_FILES and not n.endswith(".nuspec"))
        for dll in dlls:
            if dll[:-4] + ".pdb" not in names:
                problem(f"the .snupkg has no PDB for {dll}")
        lines += [f"    {name}" for name in names]
        source_link = None
        for name in names:
            if name.endswith(".pdb"):
                # The SourceLink map is kept as plain JSON in the portable PDB.
                found = re.search(rb'\{"documents":\{"[^"]*":"([^"]*)"', package.read(name))
                source_link = found.group(1).decode() if found else source_link
    return lines, source_link


def manifest(folder):
    packages = sorted(p for p in glob.glob(os.path.join(folder, "*.nupkg")))
    if not packages:
        sys.exit(f"packages.py: no .nupkg in {folder}")
    problems, out, source_links = [], [
        "# What `dotnet pack` puts in each package: written by `bash scripts/pack-check.sh --update`, compared by",
        "# scripts/pack-check.sh (CI). Review a change here like a change of the packages' public surface.",
    ], {}
    for path in packages:
        lines, source_link = inspect(path, problems)
        out += [""] + lines
        source_links[os.path.basename(path)] = source_link
    print("\n".join(out))
    for name, link in source_links.items():
        print(f"SourceLink {name}: " + (link or "off (no git remote on a known host: GitHub, GitLab, Azure Repos, Bitbucket)"), file=sys.stderr)
    for message in problems:
        print(f"package rule broken: {message}", file=sys.stderr)
    return 1 if problems else 0


def same(first, second):
    def digests(folder):
        return {os.path.basename(p): hashlib.sha256(open(p, "rb").read()).hexdigest()
                for p in glob.glob(os.path.join(folder, "*")) if p.endswith((".nupkg", ".snupkg"))}
    a, b = digests(first), digests(second)
    differ = sorted(n for n in a.keys() | b.keys() if a.get(n) != b.get(n))
    for name in differ:
        print(f"not reproducible: {name} differs between two packs of the same sources", file=sys.stderr)
        if name in a and name in b:
            with zipfile.ZipFile(os.path.join(first, name)) as x, zipfile.ZipFile(os.path.join(second, name)) as y:
                for info in x.infolist():
                    other = y.getinfo(info.filename) if info.filename in y.namelist() else None
                    if other is None or other.CRC != info.CRC or other.date_time != info.date_time:
                        print(f"  {info.filename}: " + ("content" if other is None or other.CRC != info.CRC else "timestamp"), file=sys.stderr)
    if not differ:
        print(f"reproducible: {len(a)} files, the same bytes in both packs")
    return 1 if differ or not a else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "manifest":
        sys.exit(manifest(sys.argv[2]))
    if len(sys.argv) == 4 and sys.argv[1] == "same":
        sys.exit(same(sys.argv[2], sys.argv[3]))
    sys.exit(__doc__)
