from __future__ import annotations

from pathlib import Path

import pytest

from claimlint.config import Config, find_config, ignored_rules, load_config, selects, severity_for
from claimlint.finding import Severity


def test_config_is_found_upward_and_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".claimlint.yml").write_text("fail_on: warning\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "site" / "blog").mkdir(parents=True)
    assert find_config(repo / "site" / "blog") is None
    (repo / ".claimlint.yml").write_text("fail_on: info\n")
    assert find_config(repo / "site" / "blog") == repo / ".claimlint.yml"


def test_keys_are_read_and_validated(tmp_path: Path) -> None:
    path = tmp_path / ".claimlint.yml"
    path.write_text(
        "market: uk\nexclude: [drafts/**]\nfail_on: warning\ndisable: [core.hype]\n"
        "severity: {core: warning, core.cure-claim: error}\nignore: {'legal/*': [core]}\n"
    )
    config = load_config(path)
    assert config.pack_names() == ("core", "uk", "ketamine", "addiction-treatment")
    assert config.exclude == ("drafts/**",)
    assert severity_for(config, "core.cure-claim", Severity.INFO) is Severity.ERROR
    assert severity_for(config, "core.safe-claim", Severity.ERROR) is Severity.WARNING
    assert severity_for(config, "us.fda", Severity.INFO) is Severity.INFO
    assert ignored_rules(config, "legal/terms.html") == ("core",)
    assert ignored_rules(config, "blog/post.md") == ()


def test_prefixes_select_on_dot_boundaries() -> None:
    assert selects("core", "core.safe-claim")
    assert selects("core.safe-claim", "core.safe-claim")
    assert not selects("core.safe", "core.safe-claim")
    assert not selects("cor", "core.safe-claim")


def test_command_line_values_override_the_file() -> None:
    config = Config(fail_on="warning", market="uk").with_overrides(fail_on="info", market=None, include=())
    assert config.fail_on == "info" and config.market == "uk"
    assert config.include == Config().include


@pytest.mark.parametrize("body", ["", "# only comments\n"])
def test_an_empty_config_means_defaults(tmp_path: Path, body: str) -> None:
    path = tmp_path / ".claimlint.yml"
    path.write_text(body)
    assert load_config(path).pack_names() == Config().pack_names()
