import io

import pytest

from ekonomi.sie.parser import (
    Crc,
    Parser,
    Post,
    SieFel,
    Ver,
    las_kodning,
    tokens,
    tolka_belopp,
)


def poster(text: str | bytes, kodning: str | None = None):
    data = text.encode(kodning or "utf-8") if isinstance(text, str) else text
    fil = io.BytesIO(data)
    info = las_kodning(fil)
    parser = Parser(fil, info.kodning)
    return list(parser.poster()), parser, info


def test_tokens_read_quotes_escapes_and_object_lists():
    assert tokens('#VER "K" "" 20180502 "Försäljning 25% \\"DF:157\\""  20180503') == [
        "#VER",
        "K",
        "",
        "20180502",
        'Försäljning 25% "DF:157"',
        "20180503",
    ]
    assert tokens('#TRANS 4610 {6 "101" 1 "K10"} -12.5') == [
        "#TRANS",
        "4610",
        ["6", "101", "1", "K10"],
        "-12.5",
    ]
    assert tokens('#TRANS 9999  { "1" "1100" "6" "1118"} 5367') == [
        "#TRANS",
        "9999",
        ["1", "1100", "6", "1118"],
        "5367",
    ]


def test_a_backslash_that_escapes_nothing_stays():
    assert tokens('#TRANS 1229 {} -133 20090731 "1820\\A012 Cykel"')[-1] == "1820\\A012 Cykel"


def test_amounts_become_ore():
    assert tolka_belopp("1234.5", 1) == 123450
    assert tolka_belopp("-0.05", 1) == -5
    assert tolka_belopp("100", 1) == 10000
    with pytest.raises(SieFel, match="rad 3: beloppet ”1.005” har fler än två decimaler"):
        tolka_belopp("1.005", 3)


def test_every_record_knows_its_line():
    ut, _, _ = poster(
        '#FLAGGA 0\n\n#KONTO 1930 "Bank"\n#VER A 1 20240101 "x"\n{\n'
        "#TRANS 1930 {} 1\n#TRANS 2910 {} -1\n}\n"
    )
    assert [(p.rad, type(p).__name__) for p in ut] == [(1, "Post"), (3, "Post"), (4, "Ver")]
    assert [t.rad for t in ut[2].rader] == [6, 7]


def test_rtrans_replaces_its_twin_and_btrans_is_not_part_of_the_voucher():
    ut, _, _ = poster(
        '#VER A 1 20240101 "x"\n{\n#TRANS 1930 {} 100\n#BTRANS 3510 {} -100\n'
        '#RTRANS 3510 {1 "K10"} -100\n#TRANS 3510 {1 "K10"} -100\n}\n'
    )
    (v,) = ut
    assert [(t.konto, t.objekt, t.belopp) for t in v.rader] == [
        ("1930", (), 10000),
        ("3510", ((1, "K10"),), -10000),
    ]


def test_a_trans_after_rtrans_that_differs_is_kept():
    ut, _, _ = poster('#VER A 1 20240101 "x"\n{\n#RTRANS 1930 {} 100\n#TRANS 3510 {} -100\n}\n')
    assert [t.konto for t in ut[0].rader] == ["1930", "3510"]


def test_unknown_labels_are_yielded_for_the_importer_to_warn_about():
    ut, _, _ = poster("#NYTT 1 2 3\n")
    assert ut == [Post(rad=1, etikett="#NYTT", falt=["1", "2", "3"])]


def test_lines_without_a_label_are_skipped_with_a_warning():
    _, parser, _ = poster("skräp\n#FLAGGA 0\n")
    assert parser.varningar == [(1, "raden saknar etikett och hoppas över: skräp")]


def test_cr_only_line_ends_count_as_lines():
    ut, _, _ = poster(b'#FLAGGA 0\r#KONTO 1930 "Bank"\r\n#KONTO 2910 "Skuld"\n')
    assert [p.rad for p in ut] == [1, 2, 3]


@pytest.mark.parametrize(
    "kodning,vantat", [("cp437", "cp437"), ("utf-8", "utf-8"), ("iso-8859-1", "iso-8859-1")]
)
def test_the_encoding_is_detected_from_the_swedish_letters(kodning, vantat):
    text = '#FORMAT PC8\n#KONTO 5010 "Lön och årsarvode, Östra Äng"\n'
    ut, _, info = poster(text.encode(kodning))
    assert info.kodning == vantat
    assert ut[1].falt == ["5010", "Lön och årsarvode, Östra Äng"]


def test_iso_8859_15_is_chosen_when_a_euro_sign_appears():
    data = '#KONTO 5010 "Lön € årsarvode"\n'.encode("iso-8859-15")
    ut, _, info = poster(data)
    assert info.kodning == "iso-8859-15"
    assert ut[0].falt[1] == "Lön € årsarvode"


def test_a_utf8_byte_order_mark_is_ignored():
    ut, _, _ = poster("\ufeff#FLAGGA 0\n")
    assert ut[0].etikett == "#FLAGGA"


def _med_ksumma(innehall: list[tuple[str, list]]) -> str:
    crc = Crc("cp437")
    rader = ["#FLAGGA 0", "#KSUMMA"]
    for etikett, falt in innehall:
        crc.post(etikett, falt)
        rader.append(
            etikett
            + " "
            + " ".join(
                "{" + " ".join(f'"{x}"' for x in f) + "}" if isinstance(f, list) else f'"{f}"'
                for f in falt
            )
        )
    rader.append(f"#KSUMMA {crc.varde}")
    return "\n".join(rader) + "\n"


INNEHALL = [
    ("#FNAMN", ["Förbundet"]),
    ("#KONTO", ["1930", "Bank"]),
    ("#OIB", ["0", "1930", ["1", "K10"], "5"]),
]


def test_a_correct_ksumma_is_verified():
    text = _med_ksumma(INNEHALL)
    _, parser, _ = poster(text.encode("cp437"))
    assert parser.ksumma is True


def test_a_wrong_ksumma_refuses_the_file_naming_the_line():
    text = _med_ksumma(INNEHALL).replace('"Bank"', '"Banc"')
    with pytest.raises(SieFel, match=r"^rad 6: kontrollsumman stämmer inte"):
        poster(text.encode("cp437"))


def test_a_ksumma_that_is_opened_but_never_closed_is_an_error():
    with pytest.raises(SieFel, match="#KSUMMA inleds men avslutas aldrig"):
        poster("#KSUMMA\n#FLAGGA 0\n")


def test_an_unclosed_voucher_is_an_error():
    with pytest.raises(SieFel, match=r"^rad 3: filen slutar inne i en verifikation"):
        poster('#VER A 1 20240101 "x"\n{\n#TRANS 1930 {} 1\n')


def test_an_impossible_date_names_the_line():
    with pytest.raises(SieFel, match=r"^rad 2: omöjligt verifikationsdatum ”20240230”"):
        poster('#FLAGGA 0\n#VER A 1 20240230 "x"\n{\n}\n')


def test_a_voucher_without_a_block_is_yielded_empty():
    ut, _, _ = poster('#VER A 1 20240101 "x"\n#FLAGGA 0\n')
    assert isinstance(ut[0], Ver) and ut[0].rader == []


@pytest.mark.parametrize(
    "rad",
    [
        "#TRANS 1930 {} 100.00",
        '#TRANS 4610 {1 "K10" 6 "P1"} -12.5 20240105 "Text med \\"citat\\""',
        '#TRANS 9999  { "1" "1100" "6" "1118"} 5367 20100122 "" ',
        '#TRANS 1229  {} -133 20090731 "1820\\A012 Cykel" ',
        '#TRANS 2440 {} -1000.00 "" "Leverantör"',
        '#TRANS 3010 {1 "1"} -500 20100122 "" 2 "sign"',
    ],
)
def test_the_fast_row_path_reads_rows_exactly_like_the_general_one(rad):
    from ekonomi.sie.parser import _trans

    (v,) = poster(f'#VER A 1 20240101 "x"\n{{\n{rad}\n}}\n')[0]
    assert v.rader == [_trans(tokens(rad.strip())[1:], 3)]


def _las(data: bytes, kodning: str, styrtecken: bool, alternativ: str | None = None):
    parser = Parser(io.BytesIO(data), kodning, alternativ, styrtecken=styrtecken)
    ut = [(p.rad, p.etikett, p.falt) for p in parser.poster() if isinstance(p, Post)]
    return ut, parser.varningar


@pytest.mark.parametrize(
    "data,kodning,alternativ",
    [
        (
            '#FLAGGA 0\r\n#KONTO 5010 "Lön"\r\n\r\n#KONTO 5011 "Bänk"\r\n'.encode("cp437"),
            "cp437",
            None,
        ),
        ('#KONTO 5010 "Lön"\n\n#KONTO 5011 "Äng"\n'.encode(), "utf-8", None),
        ('#KONTO 5010 "Lo\u0308n"\n#KONTO 5011 "Ö"'.encode(), "utf-8", None),
        ('#KONTO 5010 "\u201dx\u201d"\n#KONTO 5011 "\x94"\n'.encode(), "utf-8", None),
        ('#KONTO 5010 "Lön"\r#KONTO 5011 "Äng"\r\n'.encode("latin-1"), "iso-8859-1", None),
        ('#KONTO 5010 "Lön"\r\n#KONTO 5011 "Äng"\r'.encode("cp1252"), "windows-1252", None),
        ('#KONTO 5010 "L\x94n"\r\n'.encode("latin-1"), "cp437", "windows-1252"),
        (b'#KONTO 5010 "L\xc3n"\r\r\n#KONTO 5011 "x"\r\n', "utf-8", None),
    ],
)
def test_whole_blocks_read_exactly_like_line_by_line(data, kodning, alternativ):
    """Without control characters a block of lines is decoded at once; the result (lines,
    their numbers, C1 and composed letters, warnings) is the per-line path's."""
    assert _las(data, kodning, False, alternativ) == _las(data, kodning, True, alternativ)
