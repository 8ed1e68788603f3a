"""Sector and country/region columns of the institution table (used by the report's overview)."""
import pytest

from paperbrief.annotate.institutions import SECTORS, InstitutionKind, InstitutionTable, default_table


def test_columns_are_read_and_do_not_become_aliases():
    table = InstitutionTable.parse("# comment\n清华大学\tTsinghua University | THU\tacademia\t中国大陆\n谷歌\tGoogle\n")
    assert table.lookup("Dept. of CS, Tsinghua University") == "清华大学"
    assert table.lookup("academia") is None and "academia" not in table.names
    assert table.kind("清华大学") == InstitutionKind("academia", "中国大陆")
    assert table.kind("谷歌") == InstitutionKind()  # a two-column row says nothing about sector or region


def test_a_wrong_sector_names_its_line():
    with pytest.raises(ValueError, match="line 2: sector 'school'"):
        InstitutionTable.parse("北京大学\tPeking University\tacademia\t中国大陆\n南京大学\tNanjing University\tschool\t中国大陆\n")


def test_every_bundled_row_has_a_sector_and_a_region():
    kinds = default_table().kinds
    assert len(kinds) > 400
    assert {k.sector for k in kinds.values()} == set(SECTORS)
    assert all(k.region for k in kinds.values())
    assert kinds["北京大学"] == InstitutionKind("academia", "中国大陆")
    assert kinds["香港大学"].region == "中国香港"
    assert kinds["英伟达"] == InstitutionKind("industry", "美国")
    assert kinds["微软亚洲研究院"].region == "中国大陆"


@pytest.mark.parametrize(("name", "sector"), [
    ("Texas Tech University", "academia"),
    ("Università di Pisa", "academia"),
    ("Acme Robotics Inc", "industry"),
    ("Shenzhen Foo Technologies Co., Ltd.", "industry"),
    ("Orange Innovation", ""),  # neither a university nor a legal form: unknown, not guessed
])
def test_names_outside_the_table_get_a_sector_only_from_their_words(name, sector):
    assert default_table().kind(name) == InstitutionKind(sector, "")
