import pytest

from corpus import parse_article
from corpus.delegations import parse_delegations
from retrieval.views import delegations_to_dict, find_delegations
from tests.conftest import index_documents


@pytest.fixture(scope="module")
def delegations(article):
    return {d.heading: d for d in parse_delegations(article)}


def test_two_groups_with_seven_and_nine_members(delegations):
    assert list(delegations) == ["アメリカ合衆国の代表団", "ロシアの代表団"]
    assert len(delegations["アメリカ合衆国の代表団"].members) == 7
    assert len(delegations["ロシアの代表団"].members) == 9


@pytest.mark.parametrize(
    ("heading", "name", "role", "footnotes"),
    [
        ("アメリカ合衆国の代表団", "アントニー・ブリンケン", "国務長官", (32,)),  # role、name[n]
        ("アメリカ合衆国の代表団", "ビクトリア・ヌーランド", "政治問題担当次官", (32,)),  # name+role, no separator
        ("アメリカ合衆国の代表団", "エリックグリーン", "国家安全保障会議のトップロシア顧問", (32,)),  # no middle dot
        ("アメリカ合衆国の代表団", "Stergos Kaloudis", "国家安全保障会議のトップロシア顧問", (33,)),  # Latin, space
        ("ロシアの代表団", "アナトリ―アントノフ", "駐米ロシア大使", (34,)),  # odd dash, name+role
        ("ロシアの代表団", "ドミトリー・ペスコフ", "クレムリン報道官", (34,)),
    ],
)
def test_every_member_shape_splits_right(delegations, heading, name, role, footnotes):
    members = {m.name: m for m in delegations[heading].members}
    assert name in members
    assert members[name].role == role
    assert members[name].footnotes == footnotes


def test_side_filter_accepts_english_and_japanese():
    corpus = index_documents()
    assert [d.heading for d in find_delegations(corpus, side="Russia")] == ["ロシアの代表団"]
    assert [d.heading for d in find_delegations(corpus, side="US")] == ["アメリカ合衆国の代表団"]
    assert find_delegations(corpus, side="France") == []


def test_json_shape():
    data = delegations_to_dict(find_delegations(index_documents()))
    assert data["delegations"][0]["document"] == "2021年米露首脳会談"
    member = data["delegations"][0]["members"][0]
    assert member == {"name": "ジョー・バイデン", "role": "アメリカ合衆国大統領", "citations": [32]}


def test_a_different_article_in_the_same_format():
    text = """架空会談
序文です。[1]
代表
甲国の代表団
外務大臣、ヤマダ・タロウ[1]
スズキ・ハナコ首席補佐官[2]
乙国の代表団
John Smith大使 [3]
参照
- ^ 一。
- ^ 二。
- ^ 三。
"""
    groups = parse_delegations(parse_article(text))
    assert [g.heading for g in groups] == ["甲国の代表団", "乙国の代表団"]
    assert [(m.name, m.role) for m in groups[0].members] == [
        ("ヤマダ・タロウ", "外務大臣"),
        ("スズキ・ハナコ", "首席補佐官"),
    ]
    assert groups[1].members[0] == ("John Smith", "大使", (3,))


def test_prose_under_a_delegation_heading_is_no_list():
    """An article that tells of its delegations in sentences has no members to list, and no sentence is one."""
    text = """架空会談
序文です。[1]
代表団
甲国の代表団は外務大臣のヤマダ・タロウが率い、スズキ・ハナコ首席補佐官が同行した。[1]
乙国の代表団は約30人で構成され、報道官が毎日会見を行いました。[2]
参照
- ^ 一。
- ^ 二。
"""
    assert parse_delegations(parse_article(text)) == []


def test_member_lines_among_prose_are_kept():
    text = """架空会談
序文です。[1]
甲国の代表団
外務大臣、ヤマダ・タロウ[1]
代表団は会談の前日に到着し、空港で歓迎を受けた。[2]
参照
- ^ 一。
- ^ 二。
"""
    [group] = parse_delegations(parse_article(text))
    assert [(m.name, m.role) for m in group.members] == [("ヤマダ・タロウ", "外務大臣")]
