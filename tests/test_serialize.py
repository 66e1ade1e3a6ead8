"""serialize.to_dict gives what dataclasses.asdict gives, and from_dict reads it back."""

from dataclasses import asdict

from newsprism.models import Article, InputRecord, Story
from newsprism.serialize import from_dict, to_dict


def _records(report):
    return [*report.inputs, *report.articles, *report.stories]


def test_to_dict_is_asdict_on_the_demo_report(demo):
    report = demo[0]
    records = _records(report)
    assert any(s.claims and s.conflicts for s in report.stories)  # nested lists of dataclasses are covered
    for record in records:
        assert to_dict(record) == asdict(record)


def test_from_dict_reads_back_what_to_dict_wrote(demo):
    report = demo[0]
    for cls, records in ((InputRecord, report.inputs), (Article, report.articles), (Story, report.stories)):
        for record in records:
            assert from_dict(cls, to_dict(record)) == record


def test_to_dict_does_not_share_lists_with_the_record(demo):
    story = demo[0].stories[0]
    plain = to_dict(story)
    plain["articles"].append("not-an-article")
    assert "not-an-article" not in story.articles
