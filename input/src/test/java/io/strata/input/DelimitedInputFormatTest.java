package io.strata.input;

import io.strata.api.error.InvalidInputException;
import io.strata.api.input.InputRow;
import io.strata.api.spec.InputFormatSpec;
import io.strata.api.spec.TimestampSpec;
import io.strata.api.time.DateTimes;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DelimitedInputFormatTest {
  private static final TimestampSpec TS = TimestampSpec.defaults();
  private static final List<String> COLUMNS = List.of("timestamp", "page", "tags", "added");

  private static InputFormatSpec.Csv csv(List<String> columns, Boolean header, Integer skip, String listDelimiter) {
    return new InputFormatSpec.Csv(columns, listDelimiter, header, skip);
  }

  @Test
  void csvWithColumns() {
    Rows.Result r = Rows.read(csv(COLUMNS, null, null, null),
        TS, "2013-08-31T01:02:33Z,Gypsy Danger,a,57\n2013-08-31T03:32:45Z,\"Striker, Eureka\",,459\n");
    assertThat(r.errors()).isEmpty();
    InputRow first = r.row(0);
    assertThat(first.timestamp()).isEqualTo(DateTimes.parseIso("2013-08-31T01:02:33Z"));
    assertThat(first.fieldNames()).containsExactly("timestamp", "page", "tags", "added");
    assertThat(first.get("timestamp")).isEqualTo("2013-08-31T01:02:33Z");
    assertThat(first.get("added")).isEqualTo("57");
    assertThat(r.row(1).get("page")).isEqualTo("Striker, Eureka");
    assertThat(r.row(1).get("tags")).isNull();
  }

  @Test
  void headerAfterSkippedRows() {
    String data = "# exported 2013-09-01\n# second comment line\ntimestamp,page,,added\n"
        + "2013-08-31T01:02:33Z,Gypsy Danger,x,57\n\n2013-08-31T03:32:45Z,Striker Eureka,y,459\n";
    Rows.Result r = Rows.read(csv(null, true, 2, null), TS, data);
    assertThat(r.errors()).isEmpty();
    assertThat(r.rows()).hasSize(2);
    assertThat(r.row(0).fieldNames()).containsExactly("timestamp", "page", "column_3", "added");
    assertThat(r.row(1).get("page")).isEqualTo("Striker Eureka");

    // With fixed columns, skipHeaderRows drops a header line the spec does not use.
    Rows.Result fixed = Rows.read(csv(COLUMNS, null, 1, null), TS, "ts,p,t,a\n1,P,T,5\n");
    assertThat(fixed.rows()).hasSize(1);
    assertThat(fixed.row(0).get("page")).isEqualTo("P");
    assertThat(fixed.row(0).timestamp()).isEqualTo(1L);
  }

  @Test
  void duplicateHeaderColumnsFailTheSplit() {
    assertThatThrownBy(() -> {
      try (InputRowReader reader = InputFormats.open(csv(null, true, null, null), TS, Rows.inline("a,b,a\n1,2,3\n"))) {
        reader.next();
      }
    }).isInstanceOf(IOException.class).hasMessageContaining("column [a] more than once");
  }

  @Test
  void listDelimiterMakesMultiValues() {
    Rows.Result byDefault = Rows.read(csv(COLUMNS, null, null, null), TS, "1,P,a\u0001b\u0001\u0001c,5\n");
    assertThat(byDefault.row(0).get("tags")).isEqualTo(Arrays.asList("a", "b", null, "c"));
    assertThat(byDefault.row(0).get("page")).isEqualTo("P");

    Rows.Result custom = Rows.read(csv(COLUMNS, null, null, "|"), TS, "1,P,a|b,5\n2,Q,single,6\n");
    assertThat(custom.row(0).get("tags")).isEqualTo(List.of("a", "b"));
    assertThat(custom.row(1).get("tags")).isEqualTo("single");
  }

  @Test
  void extraValuesAreErrorsMissingValuesAreNull() {
    Rows.Result r = Rows.read(csv(COLUMNS, null, null, null), TS, "1,P,t,5,extra\n2,Q\n3,R,t,7\n");
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).unparseable()).isTrue();
    assertThat(r.errors().get(0).input()).isEqualTo("1,P,t,5,extra");
    assertThat(r.errors().get(0)).hasMessageContaining("found 5 values but only 4 columns");
    assertThat(r.rows()).extracting(InputRow::timestamp).containsExactly(2L, 3L);
    assertThat(r.row(0).get("tags")).isNull();
    assertThat(r.row(0).get("added")).isNull();
    assertThat(r.row(0).fieldNames()).containsExactly("timestamp", "page", "tags", "added");
  }

  @Test
  void badQuotingSpoilsOnlyItsLine() {
    String data = "1,\"ok \"\"quoted\"\"\",t,5\n2,\"bad\"x,t,5\n3,\"unterminated,t,5\n4,fine,t,5\n5,mid\"quote,t,5\n";
    Rows.Result r = Rows.read(csv(COLUMNS, null, null, null), TS, data);
    assertThat(r.rows()).extracting(row -> row.get("page")).containsExactly("ok \"quoted\"", "fine", "mid\"quote");
    assertThat(r.errors()).hasSize(2);
    assertThat(r.errors()).extracting(e -> e.input()).containsExactly("2,\"bad\"x,t,5", "3,\"unterminated,t,5");
    assertThat(r.errors()).allSatisfy(e -> assertThat(e.unparseable()).isTrue());
  }

  @Test
  void missingAndBadTimestamps() {
    Rows.Result r = Rows.read(csv(COLUMNS, null, null, null), new TimestampSpec("timestamp", "posix", "2000-01-01"),
        ",A,t,1\nnope,B,t,2\n1377910953,C,t,3\n");
    assertThat(r.rows()).extracting(InputRow::timestamp)
        .containsExactly(DateTimes.parseIso("2000-01-01"), DateTimes.parseIso("2013-08-31T01:02:33Z"));
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0))
        .hasMessage("Timestamp[nope] is unparseable! Event: {timestamp=nope, page=B, tags=t, added=2}");
  }

  @Test
  void tsvWithDefaultAndCustomDelimiter() {
    Rows.Result tabs = Rows.read(new InputFormatSpec.Tsv(null, null, null, true, null), TS,
        "timestamp\tpage\tadded\n2013-08-31 01:02:33\tGypsy, Danger\t57\n2013-08-31 03:32:45\t\"Quoted\tTab\"\t\n");
    assertThat(tabs.errors()).isEmpty();
    assertThat(tabs.row(0).get("page")).isEqualTo("Gypsy, Danger");
    assertThat(tabs.row(0).timestamp()).isEqualTo(DateTimes.parseIso("2013-08-31T01:02:33Z"));
    assertThat(tabs.row(1).get("page")).isEqualTo("Quoted\tTab");
    assertThat(tabs.row(1).get("added")).isNull();

    Rows.Result pipes = Rows.read(new InputFormatSpec.Tsv(List.of("timestamp", "page"), "||", ";", null, null), TS,
        "1||a;b\n2||c\n");
    assertThat(pipes.row(0).get("page")).isEqualTo(List.of("a", "b"));
    assertThat(pipes.row(1).get("page")).isEqualTo("c");
  }

  @Test
  void badDelimitedSpecsAreRejectedBeforeReading() {
    assertThatThrownBy(() -> InputFormats.open(new InputFormatSpec.Tsv(List.of("a"), "", null, null, null), TS,
        Rows.inline("x"))).isInstanceOf(InvalidInputException.class).hasMessageContaining("delimiter");
    assertThatThrownBy(() -> InputFormats.open(csv(List.of("a", "a"), null, null, null), TS, Rows.inline("x")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("[a]");
  }

  /** The direct split for quote-free lines must give exactly what Commons CSV gives. */
  @Test
  void unquotedSplitAgreesWithCommonsCsv() throws IOException {
    long seed = Seeds.seed("unquotedSplitAgreesWithCommonsCsv");
    Random random = new Random(seed);
    String alphabet = "ab ,;\t|x\u00e9\u0001'";
    String[] delimiters = {",", "\t", "|", "||", ";"};
    for (int i = 0; i < 5_000; i++) {
      String delimiter = delimiters[random.nextInt(delimiters.length)];
      StringBuilder line = new StringBuilder();
      int length = 1 + random.nextInt(30);
      for (int k = 0; k < length; k++) {
        line.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).build();
      List<String> expected;
      try (CSVParser parser = CSVParser.parse(line.toString(), format)) {
        expected = parser.iterator().next().toList();
      }
      assertThat(DelimitedRowReader.splitUnquoted(line.toString(), delimiter))
          .as("seed %d line [%s] delimiter [%s]", seed, line, delimiter)
          .isEqualTo(expected);
    }
  }
}
