"""PxWebClient against the stub PxWeb server (tests/pxweb_stub.py), loopback only."""

from __future__ import annotations

import math
import socket
import time

import pandas as pd
import pytest

from benchlearn.ingest.pxweb_client import (
    DEFAULT_BASE_URL,
    ENV_BASE_URL,
    HttpError,
    MalformedResponse,
    MappingMismatch,
    PxWebClient,
    PxWebError,
    QueryTooLarge,
    RateLimiter,
    Unreachable,
    expected_cells,
)
from tests.pxweb_stub import (
    IRS031_PATH,
    FakeTime,
    StubPxWeb,
    add_irs031,
    irs031_reference,
    variable,
)


@pytest.fixture(scope="module")
def ref():
    return irs031_reference()


@pytest.fixture
def stub():
    with StubPxWeb() as s:
        yield s


@pytest.fixture
def fake():
    return FakeTime()


def make_client(stub: StubPxWeb, fake: FakeTime, **kw) -> PxWebClient:
    kw.setdefault("timeout", 5.0)
    return PxWebClient(base_url=stub.base_url, sleep=fake.sleep, clock=fake.clock, **kw)


def expected_frame(ref, areas=None, years=None) -> pd.DataFrame:
    areas = areas or [a for a, _ in ref.areas]
    years = years or ref.years
    rows = [(a, y, ref.values[(a, y)]) for a in areas for y in years]
    return pd.DataFrame(rows, columns=["AREA", "TIME", "value"]).astype({"value": "float64"})


def values_of(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[["AREA", "TIME", "value"]].sort_values(["AREA", "TIME"], ignore_index=True)
    return out.astype({"AREA": "str", "TIME": "str"})


def test_metadata(stub, fake, ref):
    add_irs031(stub, ref)
    client = make_client(stub, fake)
    meta = client.metadata(IRS031_PATH)
    assert meta.table == "IRS031" and meta.title.startswith("Population at the beginning")
    assert meta.codes == ("INDICATOR", "AREA", "ContentsCode", "TIME")
    area = meta.variable("AREA")
    assert len(area.values) == 36 and area.label("LV0020000") == "Aizkraukle municipality"
    assert meta.variable("TIME").time and meta.variable("TIME").values[-1] == "2025"
    assert client.metadata("/POP/IR/IRS/IRS031.px") is meta  # normalised path, cached
    assert stub.count("GET") == 1
    assert stub.log[0][1] == "/api/v1/en/OSP_PUB/START/POP/IR/IRS/IRS031"


def test_data_round_trip(stub, fake, ref):
    add_irs031(stub, ref, updated="2025-06-10T05:00:00Z")
    client = make_client(stub, fake)
    areas = ["LV0020000", "LV0054000"]
    res = client.data(IRS031_PATH, {"AREA": areas, "TIME": ("top", ["3"])})
    assert res.requests == 2 and res.chunks == 1  # metadata + one data query
    assert res.updated == "2025-06-10T05:00:00Z" and res.table == "IRS031"
    pd.testing.assert_frame_equal(
        values_of(res.frame), values_of(expected_frame(ref, areas, ["2023", "2024", "2025"]))
    )
    frame = res.frame
    assert list(frame.columns[:4]) == ["INDICATOR", "INDICATOR_label", "AREA", "AREA_label"]
    assert set(frame["AREA_label"]) == {"Aizkraukle municipality", "Valmiera municipality"}
    assert frame.loc[frame["TIME"] == "2025", "value"].isna().all()  # "…" in the export
    assert (frame.loc[frame["TIME"] == "2025", "status"] == "…").all()
    posted = stub.log[-1][2]
    assert posted["response"] == {"format": "json-stat2"}
    assert {"code": "TIME", "selection": {"filter": "top", "values": ["3"]}} in posted["query"]


def test_full_table_round_trip(stub, fake, ref):
    add_irs031(stub, ref)
    res = make_client(stub, fake).data(IRS031_PATH, {"AREA": ("all", ["*"])})
    assert len(res.frame) == 36 * 14 and res.chunks == 1
    pd.testing.assert_frame_equal(values_of(res.frame), values_of(expected_frame(ref)))


def test_split_large_query_over_area(stub, fake, ref):
    stub.cell_limit = 100
    add_irs031(stub, ref)
    client = make_client(stub, fake, cell_limit=100)
    sel = {"AREA": ("all", ["*"]), "TIME": ("all", ["*"])}
    assert expected_cells(client.metadata(IRS031_PATH), sel) == 504
    res = client.data(IRS031_PATH, sel)
    assert res.chunks == 6 and stub.count("POST") == 6 > 1  # 7 areas x 14 years = 98 cells each
    assert not res.frame.duplicated(subset=["INDICATOR", "AREA", "ContentsCode", "TIME"]).any()
    pd.testing.assert_frame_equal(values_of(res.frame), values_of(expected_frame(ref)))
    for method, _, body in stub.log:
        if method == "POST":
            area = next(q for q in body["query"] if q["code"] == "AREA")["selection"]
            time_sel = next(q for q in body["query"] if q["code"] == "TIME")["selection"]
            assert len(area["values"]) * len(time_sel["values"]) <= 100


def test_split_includes_unselected_time(stub, fake, ref):
    stub.cell_limit = 10
    add_irs031(stub, ref)
    res = make_client(stub, fake, cell_limit=10).data(IRS031_PATH, {"AREA": ["LV0020000"]})
    assert res.chunks == 2 and len(res.frame) == 14  # TIME (not eliminable) split 10 + 4
    pd.testing.assert_frame_equal(
        values_of(res.frame), values_of(expected_frame(ref, ["LV0020000"]))
    )


def test_split_over_area_and_time(stub, fake, ref):
    stub.cell_limit = 10
    add_irs031(stub, ref)
    client = make_client(stub, fake, cell_limit=10)
    res = client.data(IRS031_PATH, {"AREA": ("all", ["*"]), "TIME": ("all", ["*"])})
    assert res.chunks == 36 * 2  # one area per request, years in chunks of 10 + 4
    assert len(res.frame) == 504 and not res.frame.duplicated(subset=["AREA", "TIME"]).any()
    pd.testing.assert_frame_equal(values_of(res.frame), values_of(expected_frame(ref)))
    assert fake.sleeps  # 73 requests > 30 per 10 s: the rate limiter waited (fake time)


def test_server_cell_limit_smaller_than_client_halves_on_403(stub, fake, ref):
    stub.cell_limit = 150
    add_irs031(stub, ref)
    res = make_client(stub, fake).data(IRS031_PATH, {"AREA": ("all", ["*"])})
    assert res.chunks > 1 and len(res.frame) == 504
    pd.testing.assert_frame_equal(values_of(res.frame), values_of(expected_frame(ref)))


def test_query_that_cannot_be_split(stub, fake):
    stub.add_table(
        "POP/TEST/T2",
        [
            variable("INDICATOR", "Indicator", ["A", "B", "C", "D", "E", "F"]),
            variable("AREA", "Territorial unit", ["LV", "LV0001000"]),
        ],
        lambda c: 1,
    )
    client = make_client(stub, fake, cell_limit=5)
    with pytest.raises(QueryTooLarge, match="narrow the other dimensions"):
        client.data("POP/TEST/T2", {"AREA": ["LV"]})  # 6 indicators > 5 cells, AREA already 1
    assert stub.count("POST") == 0


def test_429_then_success_honours_retry_after(stub, fake, ref):
    add_irs031(stub, ref, fail_429=2, retry_after="7", faults_on="data")
    res = make_client(stub, fake).data(IRS031_PATH, {"AREA": ["LV0020000"]})
    assert len(res.frame) == 14 and res.requests == 4  # metadata + 2 x 429 + success
    assert fake.sleeps == [7.0, 7.0]


def test_429_without_retry_after_backs_off_exponentially(stub, fake, ref):
    add_irs031(stub, ref, fail_429=3, retry_after=None)
    make_client(stub, fake, backoff=0.5).metadata(IRS031_PATH)
    assert fake.sleeps == [0.5, 1.0, 2.0]


def test_persistent_429_raises_http_error(stub, fake, ref):
    add_irs031(stub, ref, fail_429=99, retry_after="1")
    with pytest.raises(HttpError) as info:
        make_client(stub, fake, retries=2).metadata(IRS031_PATH)
    assert info.value.status == 429 and "max_requests" in str(info.value)


def test_500_then_success(stub, fake, ref):
    add_irs031(stub, ref, fail_500=2)
    meta = make_client(stub, fake, backoff=0.25).metadata(IRS031_PATH)
    assert meta.table == "IRS031" and stub.count("GET") == 3
    assert fake.sleeps == [0.25, 0.5]


def test_persistent_500_raises_http_error_with_body_message(stub, fake, ref):
    table = add_irs031(stub, ref, fail_500=99, error_text="Database maintenance until 06:00")
    with pytest.raises(HttpError) as info:
        make_client(stub, fake, retries=2).data(IRS031_PATH, {"AREA": ["LV0020000"]})
    err = info.value
    assert err.status == 500 and err.body_message == "Database maintenance until 06:00"
    assert "Database maintenance until 06:00" in str(err) and "try again later" in str(err)
    assert table.requests["GET"] == 3 and isinstance(err, PxWebError)


def test_timeout_raises_unreachable_after_retries(stub, fake, ref):
    add_irs031(stub, ref, delay=1.0)
    client = make_client(stub, fake, timeout=0.2, retries=1)
    start = time.monotonic()
    with pytest.raises(Unreachable, match="timed out") as info:
        client.metadata(IRS031_PATH)
    assert time.monotonic() - start < 1.5
    assert ENV_BASE_URL in str(info.value) and stub.count("GET") == 2
    assert fake.sleeps == [0.5]


def test_connection_refused_raises_unreachable(fake):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = PxWebClient(
        base_url=f"http://127.0.0.1:{port}/api/v1", retries=2, sleep=fake.sleep, clock=fake.clock
    )
    with pytest.raises(Unreachable, match="cannot connect") as info:
        client.metadata(IRS031_PATH)
    assert "BENCHLEARN_PXWEB_URL" in str(info.value) and "internet" in str(info.value)
    assert len(fake.sleeps) == 2 and client.request_count == 3


def test_malformed_json_data(stub, fake, ref):
    add_irs031(stub, ref, malformed=1, faults_on="data")
    with pytest.raises(MalformedResponse, match="not valid JSON"):
        make_client(stub, fake).data(IRS031_PATH, {"AREA": ["LV0020000"]})


def test_malformed_metadata(stub, fake):
    stub.add_table("X/Y/BAD", [variable("AREA", "Area", ["LV"])], [1], malformed=1)
    with pytest.raises(MalformedResponse):
        make_client(stub, fake).metadata("X/Y/BAD")


def test_renamed_dimension_raises_mapping_mismatch(stub, fake, ref):
    add_irs031(stub, ref, rename={"AREA": "TERRITORY"})
    with pytest.raises(MappingMismatch) as info:
        make_client(stub, fake).data(IRS031_PATH, {"AREA": ["LV0020000"]})
    err = info.value
    assert err.dimension == "AREA" and err.table == "IRS031"
    assert "'AREA'" in str(err) and "TERRITORY" in str(err) and "IRS031" in str(err)
    assert stub.count("POST") == 0  # checked against metadata before sending


def test_unknown_code_raises_mapping_mismatch(stub, fake, ref):
    add_irs031(stub, ref)
    with pytest.raises(MappingMismatch, match="LV9999999") as info:
        make_client(stub, fake).data(IRS031_PATH, {"AREA": ["LV0020000", "LV9999999"]})
    assert info.value.codes == ("LV9999999",) and info.value.dimension == "AREA"
    assert stub.count("POST") == 0


def test_unknown_table_raises_http_404(stub, fake):
    with pytest.raises(HttpError, match="check the table path") as info:
        make_client(stub, fake).metadata("POP/IR/IRS/NOPE99")
    assert info.value.status == 404 and "NOPE99" in info.value.body_message


def test_eliminated_dimension_and_lv_language(stub, fake):
    stub.add_table(
        "POP/TEST/T1",
        [
            variable("AREA", "Teritoriālā vienība", ["LV", "LV0001000"], ["Latvija", "Rīga"]),
            variable("SEX", "Dzimums", ["M", "F"], elimination=True),
            variable("TIME", "Laika periods", ["2023", "2024"], time=True),
        ],
        lambda c: {"M": 1, "F": 2}[c["SEX"]] * (10 if c["AREA"] == "LV" else 1),
    )
    client = make_client(stub, fake, lang="lv")
    res = client.data("POP/TEST/T1", {"AREA": ["LV"]})
    assert stub.log[-1][1].startswith("/api/v1/lv/OSP_PUB/START/")
    assert list(res.frame["value"]) == [30.0, 30.0] and "SEX" not in res.frame.columns
    assert list(res.frame["AREA_label"]) == ["Latvija", "Latvija"]
    assert "status" not in res.frame.columns


def test_rate_limiter_sleeps_with_fake_clock(stub, fake, ref):
    add_irs031(stub, ref)
    client = make_client(stub, fake, max_requests=30, per_seconds=10.0)
    for _ in range(35):
        client.metadata(IRS031_PATH, refresh=True)
    assert stub.count("GET") == 35
    assert fake.sleeps and math.isclose(sum(fake.sleeps), 10.0)


def test_rate_limiter_sliding_window(fake):
    limiter = RateLimiter(30, 10.0, sleep=fake.sleep, clock=fake.clock)
    stamps = []
    for _ in range(35):
        limiter.acquire()
        stamps.append(fake.now)
        fake.now += 0.1  # a request takes 0.1 s
    assert len(fake.sleeps) == 1 and math.isclose(fake.sleeps[0], 7.0)  # 31st waits for 1st
    for i in range(30, 35):
        assert stamps[i] - stamps[i - 30] >= 10.0 - 1e-9


def test_base_url_from_environment(monkeypatch):
    monkeypatch.setenv(ENV_BASE_URL, "http://127.0.0.1:9/api/v1/")
    client = PxWebClient()
    assert client.table_url("POP/IR/IRS/IRS031") == (
        "http://127.0.0.1:9/api/v1/en/OSP_PUB/START/POP/IR/IRS/IRS031"
    )
    monkeypatch.delenv(ENV_BASE_URL)
    assert PxWebClient().base_url == DEFAULT_BASE_URL == "https://data.stat.gov.lv/api/v1"
    with pytest.raises(ValueError):
        PxWebClient(lang="de")
