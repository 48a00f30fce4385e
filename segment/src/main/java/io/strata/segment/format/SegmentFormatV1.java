package io.strata.segment.format;

/**
 * Strata segment format, version 1: the specification. {@code SegmentWriter} writes it, {@code SegmentReader}
 * reads it; nothing else should need to be read to understand the bytes on disk.
 *
 * <h2>Layout</h2>
 * A segment is one immutable <b>directory</b>:
 * <pre>
 *   &lt;segmentDir&gt;/
 *     segment.meta      metadata: schema, row count, interval, rollup, one entry per column file
 *     c0.col            the __time column
 *     c1.col ... cN.col one file per dimension (schema order), then one per metric (metricsSpec order)
 * </pre>
 * Column file {@code c<i>.col} holds column {@code i} of {@link SegmentMetadata#columns()}. The directory is the
 * unit of atomicity: the writer builds it under a hidden temporary name ({@code .<name>.tmp-<random>}), fsyncs every
 * file and the directory, then renames it into place. A directory with the final name is therefore always whole;
 * leftover {@code .*.tmp-*} directories are garbage from a crash and may be deleted.
 *
 * <h2>Framing (every file)</h2>
 * All numbers are little-endian.
 * <pre>
 *   Header   magic      4 bytes  "STRA" (int32 {@link #MAGIC})
 *            codecLen   uint8    length of the codec name
 *            codec      bytes    ASCII codec name: {@link #META_CODEC}, {@link #LONG_CODEC}, {@link #FLOAT_CODEC},
 *                                {@link #DOUBLE_CODEC} or {@link #STRING_CODEC}
 *            version    int32    format version, {@link #VERSION_START}..{@link #VERSION_CURRENT}
 *            padding    zero bytes up to a multiple of 8
 *   Body     codec specific (below); ends with a trailer
 *   Trailer  fixed fields of the codec, then int32 trailerLength (bytes of those fields)
 *   Footer   footerMagic int32   {@link #FOOTER_MAGIC} (~MAGIC)
 *            algorithm   int32   {@link #CHECKSUM_CRC32C}
 *            checksum    int64   CRC32C of every byte of the file before this field
 * </pre>
 * A reader checks, in order: the magic ("segment format mismatch"), the codec name ("segment format mismatch:
 * actual=… expected=…"), the version ({@link SegmentFormatTooOldException}, {@link SegmentFormatTooNewException}),
 * the footer magic, and the checksum ("checksum mismatch in &lt;file&gt;"); all are {@link SegmentFormatException}s.
 * Offsets stored inside a file are absolute byte positions in that file. Each file is at most
 * {@link #MAX_FILE_BYTES} long (it is memory-mapped as one buffer).
 *
 * <h2>segment.meta ({@link #META_CODEC})</h2>
 * Body: {@code int32 length, UTF-8 JSON of length bytes} — a {@link SegmentMetadata} written with
 * {@code io.strata.api.json.Json.MAPPER}: interval, numRows, minTime, maxTime, rollup, queryGranularity, and the
 * columns in storage order ({@code __time}, dimensions, metrics), each with name, role, type, file, stored bytes,
 * hasNulls, dictionary cardinality (strings) and the aggregator spec (metrics). Trailer: no fields (length 0).
 *
 * <h2>Numeric columns ({@link #LONG_CODEC}, {@link #FLOAT_CODEC}, {@link #DOUBLE_CODEC})</h2>
 * Used for {@code __time}, long/float/double dimensions and metrics. Rows are cut into blocks of
 * {@link #BLOCK_SIZE} values (the last block may be shorter). Values are stored natively: 8 bytes per long and
 * double, 4 per float; a null row stores 0.
 * <pre>
 *   blocks       one per block, each: int8 blockCodec, payload
 *   blockTable   int64[numBlocks + 1]  start offset of each block, then the end offset of the last one (the
 *                table itself starts at a multiple of 8)
 *   blockMins    int64[numBlocks]      first value of each block; only when SORTED (the __time column)
 *   nulls        serialized Roaring bitmap (portable format) of null rows; only when HAS_NULLS
 *   trailer      int32 numRows, int32 valueType (1 long, 2 float, 3 double), int32 blockShift (13),
 *                int32 numBlocks, int32 flags (1 SORTED, 2 HAS_NULLS), int32 nullCount,
 *                int64 blockTableOffset, int64 blockMinsOffset (-1 if absent),
 *                int64 nullsOffset, int64 nullsLength (both 0 if absent)
 * </pre>
 * Block codecs, for a block of {@code n} values of width {@code w} bytes:
 * <ul>
 *   <li>{@link #BLOCK_RAW}: {@code n × w} bytes, the values.</li>
 *   <li>{@link #BLOCK_LZ4}: an LZ4 block (no frame) that decompresses to the {@code n × w} raw bytes; its length
 *       is the block's length in the block table minus one.</li>
 *   <li>{@link #BLOCK_CONST}: {@code w} bytes, the one value of every row of the block.</li>
 *   <li>{@link #BLOCK_DELTA_LZ4} (longs only): int64 first value, then an LZ4 block decompressing to
 *       {@code (n - 1) × 4} bytes: int32 {@code value[i] - value[i - 1]} for {@code i = 1..n-1}.</li>
 *   <li>{@link #BLOCK_FOR} (longs only): frame of reference, bit-packed, with exceptions ("patched FOR"). Most
 *       values are stored as {@code value - base} in {@code bits} bits; the few that do not fit (outliers of a
 *       heavy-tailed metric) are exceptions stored apart. All arithmetic is modulo 2<sup>64</sup>, so every long
 *       (negative values, {@link Long#MIN_VALUE}..{@link Long#MAX_VALUE}) round-trips.
 *       <pre>
 *   int64  base
 *   uint8  bits             0..64
 *   uint16 e                number of exceptions, 0..n
 *   packed int64[{@link PackedInts#lanedWords lanedWords}(n, bits)]   the low {@code bits} bits of
 *                           {@code value[i] - base}, lane-interleaved (below); 0 in the slot of an exception
 *   only when e &gt; 0:
 *   int64  exceptionBase
 *   uint8  exceptionBits    0..64
 *   uint16 positions[e]     rows (in the block) of the exceptions, strictly ascending
 *   int64[{@link PackedInts#plainWords plainWords}(e, exceptionBits)]   {@code value - exceptionBase} of exception
 *                           {@code j} in stream bits {@code [j × exceptionBits, (j + 1) × exceptionBits)}
 *       </pre>
 *       Lane interleaving ({@link #FOR_LANES} = 128 lanes): value {@code i} belongs to lane {@code l = i mod 128}
 *       at row {@code r = i / 128}; each lane is a bit stream of {@code ceil(n / 128)} values in which row
 *       {@code r} occupies bits {@code [r × bits, (r + 1) × bits)} (a value may straddle two words of its lane);
 *       word {@code j} of lane {@code l} is {@code packed[j × 128 + l]}. A full block (64 rows) therefore takes
 *       exactly {@code bits} words per lane, {@code 8192 × bits / 64} in all, and a reader decodes a row of 128
 *       values with one shift for the whole row (no per-value branching), or any single value directly; slots of
 *       rows past {@code n} in the last row are zero. Stream bit {@code k} (of a lane or of the exception words) is
 *       bit {@code k mod 64} of the stream's word {@code k / 64}. A row is {@code base + packed} unless it is an
 *       exception, then {@code exceptionBase + its exception value}.</li>
 *   <li>{@link #BLOCK_DELTA_FOR} (longs only): int64 first value, then a BLOCK_FOR payload (without codec byte)
 *       of the {@code n - 1} deltas {@code value[i] - value[i - 1]}, {@code i = 1..n-1} (modulo 2<sup>64</sup>);
 *       the reader adds them up again.</li>
 * </ul>
 * The writer picks per block: CONST when all values are equal. Otherwise, for longs, it plans a BLOCK_FOR (and,
 * for sorted columns, a BLOCK_DELTA_FOR) encoding: for each width it finds the range of {@code 2^bits} values
 * holding most of the block and makes the rest exceptions, allowing at most {@code n / 8} exceptions so decoding
 * stays a bulk unpack plus a short patch loop, and keeps the width of least size plus 4 bytes per exception
 * (exceptions are slower to decode than packed values). That encoding (the smaller of the two for sorted columns)
 * is used when it is no larger than the LZ4 candidate (for sorted columns: no larger than twice the LZ4 candidate
 * plus 64 bytes, as time blocks are small and read by every bucketed query), which is: DELTA_LZ4 for sorted
 * columns whose deltas fit an int32, otherwise LZ4, or RAW when LZ4 does not save at least 1/8 (uncompressible
 * data stays cheap to read). Floats and doubles use CONST, LZ4 or RAW by the same rule. With compression off
 * ({@code SegmentWriter.Compression.NONE}) blocks are CONST or RAW. {@code __time} is always SORTED (ascending),
 * which lets the reader restrict to an interval by binary search over {@code blockMins} and then within one
 * decoded block.
 *
 * <h2>String columns ({@link #STRING_CODEC})</h2>
 * A sorted dictionary, the dictionary id of every row bit-packed, and one bitmap of rows per dictionary value.
 * <pre>
 *   ids          right after the header: numWords = ceil(numRows × bitsPerValue / 64) + 1 int64 words of packed
 *                ids (the extra word is zero padding so a reader may always load the word after the one a value
 *                starts in)
 *   dictionary   (8-aligned) int32 count, int32 offsets[count + 1] (relative to the first UTF-8 byte), UTF-8
 *                bytes of each value in id order; the null value (id 0 when HAS_NULL) is stored as an empty entry
 *   bitmaps      (8-aligned) per id, the serialized Roaring bitmap (portable format, run-optimized) of the rows
 *                holding that value, each mappable as an org.roaringbitmap.buffer.ImmutableRoaringBitmap without
 *                copying; then int32 offsets[count + 1] of each bitmap relative to the section start (the last is
 *                the bytes of all bitmaps)
 *   trailer      int32 numRows, int32 cardinality, int32 bitsPerValue, int32 flags (1 HAS_NULL),
 *                int64 idsOffset, int64 dictionaryOffset, int64 bitmapsOffset, int64 bitmapsLength (whole section,
 *                offsets included)
 * </pre>
 * The dictionary is strictly ascending in {@link String#compareTo} order with null first, so ids follow value
 * order and lookups binary search. {@code bitsPerValue} is {@link PackedInts#bitsRequired}{@code (cardinality-1)}
 * (0 when the column has a single value: no id bits are stored). Packing: value {@code i} occupies bits
 * {@code [i×b, (i+1)×b)} of the stream formed by the words, where bit {@code k} of word {@code j} is stream bit
 * {@code 64j + k}; a value may straddle two words. The dictionary holds only values that occur in the segment
 * (the writer drops unused input values and re-packs the ids), so cardinality is exact. The packed stream is read
 * in runs of up to a vector's size for batches and by random access for single rows; blocks of
 * {@link #BLOCK_SIZE} ids start at word {@code blockIndex × BLOCK_SIZE × b / 64}.
 *
 * <h2>Versions</h2>
 * {@link #VERSION_START} is the oldest version this code reads, {@link #VERSION_CURRENT} the one it writes. A
 * change to any encoding above bumps {@link #VERSION_CURRENT}; readers keep decoding older versions. Version 1
 * is not released yet: the block codecs {@link #BLOCK_FOR} and {@link #BLOCK_DELTA_FOR} were added to it without
 * a bump (files of earlier development builds use only codecs 0..3 and stay readable; a reader from before the
 * addition cannot read blocks of codec 4 or 5 and reports them as damaged).
 */
public final class SegmentFormatV1 {
  /** Name of the metadata file in a segment directory. */
  public static final String META_FILE = "segment.meta";

  /** "STRA" as a little-endian int32: the first four bytes of every file. */
  public static final int MAGIC = 0x41525453;
  /** The first four bytes of every footer. */
  public static final int FOOTER_MAGIC = ~MAGIC;
  /** Footer algorithm id: CRC32C (Castagnoli). */
  public static final int CHECKSUM_CRC32C = 1;
  /** Bytes in the footer: footer magic, algorithm, checksum. */
  public static final int FOOTER_LENGTH = 16;
  /** Largest file the reader maps. */
  public static final long MAX_FILE_BYTES = Integer.MAX_VALUE;

  public static final String META_CODEC = "StrataSegmentMeta";
  public static final String LONG_CODEC = "StrataLongColumn";
  public static final String FLOAT_CODEC = "StrataFloatColumn";
  public static final String DOUBLE_CODEC = "StrataDoubleColumn";
  public static final String STRING_CODEC = "StrataStringColumn";

  /** log2 of {@link #BLOCK_SIZE}. */
  public static final int BLOCK_SHIFT = 13;
  /** Values per block of a numeric column. */
  public static final int BLOCK_SIZE = 1 << BLOCK_SHIFT;
  public static final int BLOCK_MASK = BLOCK_SIZE - 1;

  public static final byte BLOCK_RAW = 0;
  public static final byte BLOCK_LZ4 = 1;
  public static final byte BLOCK_CONST = 2;
  public static final byte BLOCK_DELTA_LZ4 = 3;
  /** Frame of reference, bit-packed, with exceptions (longs only). */
  public static final byte BLOCK_FOR = 4;
  /** First value, then {@link #BLOCK_FOR} of the deltas (longs only). */
  public static final byte BLOCK_DELTA_FOR = 5;

  /** Lanes of the interleaved bit packing of {@link #BLOCK_FOR} (values decoded per row). */
  public static final int FOR_LANES = 128;
  /** Bytes of the fixed {@link #BLOCK_FOR} fields: int64 base, uint8 bits, uint16 exception count. */
  public static final int FOR_HEADER_BYTES = 8 + 1 + 2;
  /** Bytes of the fixed fields of the {@link #BLOCK_FOR} exception section: int64 base, uint8 bits. */
  public static final int FOR_EXCEPTION_HEADER_BYTES = 8 + 1;

  /** Numeric trailer {@code valueType} codes. */
  public static final int VALUE_LONG = 1;
  public static final int VALUE_FLOAT = 2;
  public static final int VALUE_DOUBLE = 3;

  /** Numeric trailer flag: values ascend and {@code blockMins} is present. */
  public static final int FLAG_SORTED = 1;
  /** Numeric trailer flag: some rows are null and the {@code nulls} bitmap is present. */
  public static final int FLAG_HAS_NULLS = 2;
  /** String trailer flag: id 0 is the null value. */
  public static final int FLAG_HAS_NULL_VALUE = 1;

  /** Bytes of the numeric trailer fields. */
  public static final int NUMERIC_TRAILER_LENGTH = 6 * 4 + 4 * 8;
  /** Bytes of the string trailer fields. */
  public static final int STRING_TRAILER_LENGTH = 4 * 4 + 4 * 8;

  /** The first version this code reads. */
  public static final int VERSION_START = 1;
  /** The version this code writes. */
  public static final int VERSION_CURRENT = 1;

  private SegmentFormatV1() {
  }

  /** File name of the column at {@code ordinal} in storage order ({@code __time} is 0). */
  public static String columnFileName(int ordinal) {
    return "c" + ordinal + ".col";
  }

  /** Bytes per stored value of a numeric {@code valueType}. */
  public static int valueWidth(int valueType) {
    return valueType == VALUE_FLOAT ? Float.BYTES : Long.BYTES;
  }

  /** The codec name of a numeric {@code valueType}. */
  public static String numericCodec(int valueType) {
    return switch (valueType) {
      case VALUE_LONG -> LONG_CODEC;
      case VALUE_FLOAT -> FLOAT_CODEC;
      case VALUE_DOUBLE -> DOUBLE_CODEC;
      default -> throw new IllegalArgumentException("unknown numeric value type " + valueType);
    };
  }
}
