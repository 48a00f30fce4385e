package io.strata.processing.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.strata.api.data.ColumnType;
import io.strata.api.error.InvalidInputException;
import io.strata.api.exec.Filter;
import io.strata.api.json.Json;
import io.strata.api.query.FilterSpec;
import io.strata.processing.ordering.StringComparators;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every filter type over a small table, through every access path (see {@link TestSegment#matchAllPaths}). */
class FiltersTest {
  private static final String EMOJI = "\uD83D\uDE00"; // U+1F600: after U+FF5E in UTF-8, before it in UTF-16
  private static final String TILDE = "\uFF5E";

  //  row  dim      dim2  l     d       f      __time
  private static final Object[][] DATA = {
      {"a", "x", 1L, 1.5, 1.1f, 1000L},
      {"b", null, 2L, null, 2.5f, 2000L},
      {null, "y", null, 3.0, null, 3000L},
      {"", "x", 10L, -1.0, 0.1f, 4000L},
      {"abc", "z", -5L, 10.0, 10f, 5000L},
      {"10", "", 100L, 0.0, null, 6000L},
      {"9", "x", null, 2.5, 3f, 7000L},
      {"a", null, 3L, 100.25, -2f, 8000L},
      {EMOJI, "z", 10L, null, 1.1f, 9000L},
      {TILDE, "x", 0L, -0.5, 0f, 10000L},
  };
  private static final String[] NAMES = {"dim", "dim2", "l", "d", "f", "__time"};
  private static final ColumnType[] TYPES = {ColumnType.STRING, ColumnType.STRING, ColumnType.LONG,
      ColumnType.DOUBLE, ColumnType.FLOAT, ColumnType.LONG};

  private static final TestSegment SEGMENT = segment(StringComparators.LEXICOGRAPHIC);
  /** Dictionaries in {@link String#compareTo} order, as the segment format writes them. */
  private static final TestSegment SEGMENT_UTF16 = segment(Comparator.nullsFirst(Comparator.naturalOrder()));

  private static TestSegment segment(Comparator<String> dictionaryOrder) {
    Map<String, ColumnType> types = new LinkedHashMap<>();
    for (int c = 0; c < NAMES.length; c++) {
      types.put(NAMES[c], TYPES[c]);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object[] r : DATA) {
      Map<String, Object> row = new HashMap<>();
      for (int c = 0; c < NAMES.length; c++) {
        row.put(NAMES[c], r[c]);
      }
      rows.add(row);
    }
    return new TestSegment(types, rows, dictionaryOrder);
  }

  static FilterSpec spec(String json) {
    try {
      return Json.MAPPER.readValue(json.replace('\'', '"'), FilterSpec.class);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static List<Integer> rows(String json) {
    Filter f = Filters.create(spec(json));
    List<Integer> rows = SEGMENT.matchAllPaths(f, json);
    assertThat(SEGMENT_UTF16.matchAllPaths(f, json + " (UTF-16 dictionary)")).isEqualTo(rows);
    return rows;
  }

  private static List<Integer> all() {
    return IntStream.range(0, DATA.length).boxed().toList();
  }

  private static String not(String json) {
    return "{'type':'not','field':" + json + "}";
  }

  private static String sel(String dim, String value) {
    return "{'type':'selector','dimension':'" + dim + "','value':" + (value == null ? "null" : "'" + value + "'")
        + "}";
  }

  @Test
  void nullSpecGivesNullFilter() {
    assertThat(Filters.create(null)).isNull();
  }

  @Test
  void selectorOnStrings() {
    assertThat(rows(sel("dim", "a"))).containsExactly(0, 7);
    assertThat(rows(sel("dim", null))).containsExactly(2);
    assertThat(rows(sel("dim", ""))).containsExactly(3);
    assertThat(rows(sel("dim", "nope"))).isEmpty();
    assertThat(rows(sel("dim", EMOJI))).containsExactly(8);
  }

  @Test
  void notSelectorExcludesNullsButNotOfNullSelectorKeepsThem() {
    assertThat(rows(not(sel("dim", "a")))).containsExactly(1, 3, 4, 5, 6, 8, 9);
    assertThat(rows(not(sel("dim", null)))).containsExactly(0, 1, 3, 4, 5, 6, 7, 8, 9);
    assertThat(rows(not(not(sel("dim", "a"))))).containsExactly(0, 7);
    assertThat(rows(not(not(not(sel("dim", "a")))))).containsExactly(1, 3, 4, 5, 6, 8, 9);
  }

  @Test
  void selectorOnNumbersComparesNumerically() {
    assertThat(rows(sel("l", "10"))).containsExactly(3, 8);
    assertThat(rows(sel("l", "10.0"))).containsExactly(3, 8);
    assertThat(rows(sel("l", "10.5"))).isEmpty();
    assertThat(rows(sel("l", "abc"))).isEmpty();
    assertThat(rows(sel("l", null))).containsExactly(2, 6);
    assertThat(rows(sel("d", "2.5"))).containsExactly(6);
    assertThat(rows(sel("d", "10"))).containsExactly(4);
    assertThat(rows(sel("f", "1.1"))).containsExactly(0, 8);
    assertThat(rows(sel("f", "0.1"))).containsExactly(3);
    assertThat(rows(not(sel("l", "10")))).containsExactly(0, 1, 4, 5, 7, 9);
    assertThat(rows(sel("__time", "3000"))).containsExactly(2);
  }

  @Test
  void in() {
    assertThat(rows("{'type':'in','dimension':'dim','values':['a','b',null]}")).containsExactly(0, 1, 2, 7);
    assertThat(rows(not("{'type':'in','dimension':'dim','values':['a','b',null]}"))).containsExactly(3, 4, 5, 6, 8,
        9);
    assertThat(rows(not("{'type':'in','dimension':'dim','values':['a','b']}"))).containsExactly(3, 4, 5, 6, 8, 9);
    assertThat(rows("{'type':'in','dimension':'dim','values':[]}")).isEmpty();
    assertThat(rows("{'type':'in','dimension':'l','values':['1','3.0','100','x']}")).containsExactly(0, 5, 7);
    assertThat(rows("{'type':'in','dimension':'d','values':['-1','2.5',null]}")).containsExactly(1, 3, 6, 8);
    assertThat(rows("{'type':'in','dimension':'dim','values':['zz','" + TILDE + "','','9']}"))
        .containsExactly(3, 6, 9);
  }

  @Test
  void equalsIsTypedAndNeverMatchesNull() {
    String eq = "{'type':'equals','column':'%s','matchValueType':'%s','matchValue':%s}";
    assertThat(rows(eq.formatted("dim", "STRING", "'a'"))).containsExactly(0, 7);
    assertThat(rows(not(eq.formatted("dim", "STRING", "'a'")))).containsExactly(1, 3, 4, 5, 6, 8, 9);
    assertThat(rows(eq.formatted("l", "LONG", "10"))).containsExactly(3, 8);
    assertThat(rows(eq.formatted("l", "DOUBLE", "10.0"))).containsExactly(3, 8);
    assertThat(rows(eq.formatted("l", "DOUBLE", "10.5"))).isEmpty();
    assertThat(rows(eq.formatted("l", "STRING", "'10'"))).containsExactly(3, 8);
    assertThat(rows(eq.formatted("d", "DOUBLE", "2.5"))).containsExactly(6);
    assertThat(rows(eq.formatted("d", "LONG", "10"))).containsExactly(4);
    assertThat(rows(eq.formatted("f", "DOUBLE", "1.1"))).containsExactly(0, 8);
    assertThat(rows(eq.formatted("dim", "LONG", "10"))).containsExactly(5);
    assertThat(rows(eq.formatted("missing", "STRING", "'a'"))).isEmpty();
    assertThat(rows(not(eq.formatted("missing", "STRING", "'a'")))).isEmpty();
  }

  @Test
  void equalsRejectsBadValues() {
    assertThatThrownBy(() -> Filters.create(spec(
        "{'type':'equals','column':'l','matchValueType':'LONG','matchValue':'abc'}")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("matchValue [abc]");
  }

  @Test
  void nullFilter() {
    assertThat(rows("{'type':'null','column':'dim'}")).containsExactly(2);
    assertThat(rows("{'type':'null','column':'l'}")).containsExactly(2, 6);
    assertThat(rows("{'type':'null','column':'d'}")).containsExactly(1, 8);
    assertThat(rows("{'type':'null','column':'f'}")).containsExactly(2, 5);
    assertThat(rows("{'type':'null','column':'missing'}")).isEqualTo(all());
    assertThat(rows(not("{'type':'null','column':'l'}"))).containsExactly(0, 1, 3, 4, 5, 7, 8, 9);
    assertThat(rows(not("{'type':'null','column':'missing'}"))).isEmpty();
  }

  @Test
  void missingColumnReadsAsNullEverywhere() {
    assertThat(rows(sel("missing", "a"))).isEmpty();
    assertThat(rows(sel("missing", null))).isEqualTo(all());
    assertThat(rows(not(sel("missing", "a")))).isEmpty();
    assertThat(rows("{'type':'bound','dimension':'missing','lower':'a'}")).isEmpty();
    assertThat(rows(not("{'type':'bound','dimension':'missing','lower':'a'}"))).isEmpty();
    assertThat(SEGMENT.viaBitmap(Filters.create(spec(sel("missing", null))))).isEqualTo(all());
  }

  @Test
  void boundLexicographicUsesUtf8Order() {
    String b = "{'type':'bound','dimension':'dim'%s}";
    assertThat(rows(b.formatted(",'lower':'a','upper':'b'"))).containsExactly(0, 1, 4, 7);
    assertThat(rows(b.formatted(",'lower':'a','lowerStrict':true"))).containsExactly(1, 4, 8, 9);
    assertThat(rows(b.formatted(",'upper':'" + TILDE + "'"))).containsExactly(0, 1, 3, 4, 5, 6, 7, 9);
    assertThat(rows(b.formatted(",'upper':'" + TILDE + "','upperStrict':true"))).containsExactly(0, 1, 3, 4, 5, 6,
        7);
    assertThat(rows(b.formatted(",'lower':'','upper':''"))).containsExactly(3);
    assertThat(rows(b.formatted(",'lower':'aa','upper':'ab'"))).isEmpty();
    assertThat(rows(not(b.formatted(",'lower':'a','upper':'b'")))).containsExactly(3, 5, 6, 8, 9);
  }

  @Test
  void boundOtherOrderingsOnStrings() {
    String b = "{'type':'bound','dimension':'dim','ordering':'%s'%s}";
    // numeric: text that is not a number sorts before every number
    assertThat(rows(b.formatted("numeric", ",'lower':'5'"))).containsExactly(5, 6);
    assertThat(rows(b.formatted("numeric", ",'upper':'9'"))).containsExactly(0, 1, 3, 4, 6, 7, 8, 9);
    assertThat(rows(b.formatted("numeric", ",'lower':'9','upper':'10','lowerStrict':true"))).containsExactly(5);
    assertThat(rows(b.formatted("alphanumeric", ",'lower':'9','upper':'10'"))).containsExactly(5, 6);
    assertThat(rows(b.formatted("strlen", ",'lower':'aa','upper':'zzz'"))).containsExactly(4, 8);
    assertThat(rows("{'type':'bound','dimension':'dim','ordering':{'type':'numeric'},'lower':'5'}"))
        .containsExactly(5, 6);
    assertThat(rows("{'type':'bound','dimension':'dim','alphaNumeric':true,'lower':'9','upper':'10'}"))
        .containsExactly(5, 6);
  }

  @Test
  void boundOnNumbers() {
    String b = "{'type':'bound','dimension':'%s','ordering':'%s'%s}";
    assertThat(rows(b.formatted("l", "numeric", ",'lower':'2','upper':'10'"))).containsExactly(1, 3, 7, 8);
    assertThat(rows(b.formatted("l", "numeric", ",'lower':'2','upper':'10','lowerStrict':true,'upperStrict':true")))
        .containsExactly(7);
    assertThat(rows(b.formatted("l", "numeric", ",'lower':'2.5'"))).containsExactly(3, 5, 7, 8);
    assertThat(rows(b.formatted("l", "numeric", ",'upper':'-5','upperStrict':true"))).isEmpty();
    assertThat(rows(b.formatted("l", "numeric", ",'lower':'abc'"))).containsExactly(0, 1, 3, 4, 5, 7, 8, 9);
    assertThat(rows(b.formatted("l", "numeric", ",'upper':'abc'"))).isEmpty();
    assertThat(rows(b.formatted("l", "numeric", ",'lower':'1e30'"))).isEmpty();
    assertThat(rows(b.formatted("l", "lexicographic", ",'lower':'2'"))).containsExactly(1, 7);
    assertThat(rows(b.formatted("d", "numeric", ",'lower':'0','upper':'3'"))).containsExactly(0, 2, 5, 6);
    assertThat(rows(b.formatted("d", "numeric", ",'lower':'0','lowerStrict':true"))).containsExactly(0, 2, 4, 6, 7);
    assertThat(rows(b.formatted("f", "numeric", ",'upper':'1.1'"))).containsExactly(0, 3, 7, 8, 9);
    assertThat(rows(b.formatted("f", "numeric", ",'lower':'1.1','lowerStrict':true"))).containsExactly(1, 4, 6);
    assertThat(rows(b.formatted("__time", "numeric", ",'lower':'2000','upper':'4000'"))).containsExactly(1, 2, 3);
    assertThat(rows(not(b.formatted("l", "numeric", ",'lower':'2','upper':'10'")))).containsExactly(0, 4, 5, 9);
  }

  @Test
  void range() {
    String r = "{'type':'range','column':'%s','matchValueType':'%s'%s}";
    assertThat(rows(r.formatted("dim", "STRING", ",'lower':'a','upper':'b'"))).containsExactly(0, 1, 4, 7);
    assertThat(rows(r.formatted("dim", "STRING", ",'lower':'a','upperOpen':true,'upper':'b'")))
        .containsExactly(0, 4, 7);
    assertThat(rows(r.formatted("l", "LONG", ",'lower':2,'upper':10"))).containsExactly(1, 3, 7, 8);
    assertThat(rows(r.formatted("l", "LONG", ",'lower':2,'upper':10,'lowerOpen':true,'upperOpen':true")))
        .containsExactly(7);
    assertThat(rows(r.formatted("l", "DOUBLE", ",'lower':2.5"))).containsExactly(3, 5, 7, 8);
    assertThat(rows(r.formatted("dim", "LONG", ",'lower':5"))).containsExactly(5, 6);
    assertThat(rows(r.formatted("d", "DOUBLE", ",'upper':0"))).containsExactly(3, 5, 9);
    assertThat(rows(r.formatted("l", "STRING", ",'lower':'2','upper':'10'"))).containsExactly(1, 3, 7, 8);
    assertThat(rows(not(r.formatted("l", "LONG", ",'lower':2,'upper':10")))).containsExactly(0, 4, 5, 9);
    assertThatThrownBy(() -> Filters.create(spec(r.formatted("l", "LONG", ",'lower':'x'"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("lower bound [x]");
  }

  @Test
  void logicalFiltersUseThreeValuedLogic() {
    String lge2 = "{'type':'bound','dimension':'l','ordering':'numeric','lower':'2'}";
    assertThat(rows("{'type':'and','fields':[" + sel("dim", "a") + "," + lge2 + "]}")).containsExactly(7);
    assertThat(rows("{'type':'or','fields':[" + sel("dim", null) + "," + sel("l", null) + "]}")).containsExactly(2,
        6);
    // OR(dim='a', l=1) is UNKNOWN for rows 2 (both null) and 6 (dim '9', l null): NOT keeps neither
    assertThat(rows(not("{'type':'or','fields':[" + sel("dim", "a") + "," + sel("l", "1") + "]}")))
        .containsExactly(1, 3, 4, 5, 8, 9);
    // AND(dim='a', l=3) is FALSE for row 6 (dim '9' is FALSE even though l is null)
    assertThat(rows(not("{'type':'and','fields':[" + sel("dim", "a") + "," + sel("l", "3") + "]}")))
        .containsExactly(0, 1, 3, 4, 5, 6, 8, 9);
    assertThat(rows("{'type':'and','fields':[" + sel("dim", "a") + ",{'type':'or','fields':[" + sel("l", "1") + ","
        + sel("l", "3") + "," + sel("dim2", "x") + "]}]}")).containsExactly(0, 7);
  }

  @Test
  void constantsAndSimplification() {
    assertThat(rows("{'type':'true'}")).isEqualTo(all());
    assertThat(rows("{'type':'false'}")).isEmpty();
    assertThat(rows(not("{'type':'true'}"))).isEmpty();
    assertThat(rows("{'type':'and','fields':[{'type':'true'}," + sel("dim", "a") + "]}")).containsExactly(0, 7);
    assertThat(rows("{'type':'or','fields':[{'type':'false'}," + sel("dim", "a") + "]}")).containsExactly(0, 7);
    assertThat(Filters.create(spec("{'type':'and','fields':[{'type':'false'}," + sel("dim", "a") + "]}")))
        .isSameAs(ConstantFilter.FALSE);
    assertThat(Filters.create(spec("{'type':'or','fields':[{'type':'true'}," + sel("dim", "a") + "]}")))
        .isSameAs(ConstantFilter.TRUE);
  }

  @Test
  void bitmapIsNullWithoutIndexesAndAndOrPropagateIt() {
    Filter numeric = Filters.create(spec(sel("l", "1")));
    assertThat(numeric.computeBitmap(SEGMENT)).isNull();
    Filter mixed = Filters.create(spec("{'type':'and','fields':[" + sel("dim", "a") + "," + sel("l", "1") + "]}"));
    assertThat(mixed.computeBitmap(SEGMENT)).isNull();
    Filter strings = Filters.create(spec("{'type':'or','fields':[" + sel("dim", "a") + "," + sel("dim2", "y")
        + "]}"));
    assertThat(SEGMENT.viaBitmap(strings)).containsExactly(0, 2, 7);
  }

  @Test
  void requiredColumns() {
    Filter f = Filters.create(spec("{'type':'and','fields':[" + sel("dim", "a") + "," + not(sel("l", "1"))
        + ",{'type':'true'}]}"));
    assertThat(f.requiredColumns()).containsExactlyInAnyOrder("dim", "l");
  }

  @Test
  void andOfFilters() {
    Filter f = Filters.and(java.util.Arrays.asList(Filters.create(spec(sel("dim", "a"))), null,
        Filters.create(spec(sel("dim2", "x")))));
    assertThat(SEGMENT.matchAllPaths(f, "and")).containsExactly(0);
    assertThat(Filters.and(java.util.Collections.singletonList(null))).isNull();
  }

  @Test
  void multiValueMapRowsMatchIfAnyElementMatches() {
    var p = RowFilters.forMaps(spec(sel("tags", "b")));
    assertThat(p.test(Map.of("tags", List.of("a", "b")))).isTrue();
    assertThat(p.test(Map.of("tags", List.of("a", "c")))).isFalse();
    assertThat(p.test(Map.of("tags", List.of()))).isFalse();
    var isNull = RowFilters.forMaps(spec(sel("tags", null)));
    assertThat(isNull.test(Map.of("tags", List.of()))).isTrue();
    assertThat(isNull.test(Map.of())).isTrue();
  }
}
