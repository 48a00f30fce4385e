package io.strata.testkit.gen;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The fixed world the {@link WikipediaGenerator} draws edits from: a table of cities (each with its region, country,
 * continent and main wiki language), per-language pools of page titles in popularity order, and users in
 * popularity order, each with a home city, a language, and whether they are a robot or an anonymous (IP address)
 * editor. Titles and names are made from small word lists in each language's own script, so the data has realistic
 * non-ASCII text, commas and the odd double quote.
 *
 * <p>The world does not depend on the generator's seed (a seed picks a different day of edits to the same
 * Wikipedia), so it is built once per JVM, from a fixed seed, and shared: see {@link #standard()}. It is immutable
 * apart from the lazily escaped forms of its {@link Text}s.
 */
final class WikipediaVocabulary {
  /** A place edits come from. City to region to country to continent is a function across the table. */
  record City(String continent, String country, String region, String city, String language, double weight) {
  }

  record Page(Text title, Text namespace) {
  }

  record User(Text name, boolean anonymous, boolean robot, int city, int language) {
  }

  static final List<City> CITIES = List.of(
      new City("North America", "United States", "California", "San Francisco", "en", 5),
      new City("North America", "United States", "California", "Los Angeles", "en", 6),
      new City("North America", "United States", "New York", "New York City", "en", 8),
      new City("North America", "United States", "Texas", "Austin", "en", 3),
      new City("North America", "United States", "Illinois", "Chicago", "en", 4),
      new City("North America", "United States", "Washington", "Seattle", "en", 3),
      new City("North America", "United States", "Massachusetts", "Boston", "en", 3),
      new City("North America", "United States", "Georgia", "Atlanta", "en", 2),
      new City("North America", "Canada", "Ontario", "Toronto", "en", 4),
      new City("North America", "Canada", "British Columbia", "Vancouver", "en", 2),
      new City("North America", "Canada", "Quebec", "Montreal", "fr", 2),
      new City("North America", "Mexico", "Mexico City", "Mexico City", "es", 3),
      new City("North America", "Mexico", "Jalisco", "Guadalajara", "es", 1.5),
      new City("Europe", "United Kingdom", "England", "London", "en", 8),
      new City("Europe", "United Kingdom", "England", "Manchester", "en", 2),
      new City("Europe", "United Kingdom", "Scotland", "Edinburgh", "en", 1.5),
      new City("Europe", "Ireland", "Leinster", "Dublin", "en", 1.5),
      new City("Europe", "Germany", "Berlin", "Berlin", "de", 5),
      new City("Europe", "Germany", "Bavaria", "Munich", "de", 3),
      new City("Europe", "Germany", "Hamburg", "Hamburg", "de", 2),
      new City("Europe", "Germany", "North Rhine-Westphalia", "Cologne", "de", 2),
      new City("Europe", "France", "Île-de-France", "Paris", "fr", 5),
      new City("Europe", "France", "Auvergne-Rhône-Alpes", "Lyon", "fr", 1.5),
      new City("Europe", "Spain", "Community of Madrid", "Madrid", "es", 3),
      new City("Europe", "Spain", "Catalonia", "Barcelona", "es", 2.5),
      new City("Europe", "Italy", "Lazio", "Rome", "it", 3),
      new City("Europe", "Italy", "Lombardy", "Milan", "it", 2.5),
      new City("Europe", "Netherlands", "North Holland", "Amsterdam", "nl", 2.5),
      new City("Europe", "Poland", "Masovian Voivodeship", "Warsaw", "pl", 2.5),
      new City("Europe", "Poland", "Lesser Poland Voivodeship", "Kraków", "pl", 1.2),
      new City("Europe", "Sweden", "Stockholm County", "Stockholm", "sv", 2),
      new City("Europe", "Russia", "Moscow", "Moscow", "ru", 5),
      new City("Europe", "Russia", "Saint Petersburg", "Saint Petersburg", "ru", 2.5),
      new City("Asia", "Japan", "Kanto", "Tokyo", "ja", 6),
      new City("Asia", "Japan", "Kansai", "Osaka", "ja", 2.5),
      new City("Asia", "China", "Beijing", "Beijing", "zh", 3),
      new City("Asia", "China", "Shanghai", "Shanghai", "zh", 3),
      new City("Asia", "China", "Shanxi", "Taiyuan", "zh", 1),
      new City("Asia", "Taiwan", "Taipei", "Taipei", "zh", 2),
      new City("Asia", "Hong Kong", "Hong Kong", "Hong Kong", "zh", 1.5),
      new City("Asia", "South Korea", "Seoul", "Seoul", "ko", 3),
      new City("Asia", "India", "Maharashtra", "Mumbai", "en", 3),
      new City("Asia", "India", "Karnataka", "Bangalore", "en", 2.5),
      new City("Asia", "India", "Delhi", "New Delhi", "en", 2.5),
      new City("Asia", "Singapore", "Singapore", "Singapore", "en", 1.5),
      new City("Asia", "Saudi Arabia", "Riyadh", "Riyadh", "ar", 1),
      new City("Asia", "United Arab Emirates", "Dubai", "Dubai", "ar", 0.8),
      new City("South America", "Brazil", "São Paulo", "São Paulo", "pt", 4),
      new City("South America", "Brazil", "Rio de Janeiro", "Rio de Janeiro", "pt", 2),
      new City("South America", "Argentina", "Buenos Aires", "Buenos Aires", "es", 2),
      new City("South America", "Chile", "Santiago Metropolitan", "Santiago", "es", 1.2),
      new City("South America", "Colombia", "Bogotá", "Bogotá", "es", 1.2),
      new City("South America", "Peru", "Lima", "Lima", "es", 1),
      new City("Africa", "Nigeria", "Lagos", "Lagos", "en", 1),
      new City("Africa", "South Africa", "Gauteng", "Johannesburg", "en", 1),
      new City("Africa", "South Africa", "Western Cape", "Cape Town", "en", 1),
      new City("Africa", "Egypt", "Cairo", "Cairo", "ar", 1.5),
      new City("Africa", "Kenya", "Nairobi", "Nairobi", "en", 0.8),
      new City("Africa", "Morocco", "Casablanca-Settat", "Casablanca", "ar", 0.8),
      new City("Australia", "Australia", "New South Wales", "Sydney", "en", 3),
      new City("Australia", "Australia", "Victoria", "Melbourne", "en", 2.5),
      new City("Australia", "New Zealand", "Auckland", "Auckland", "en", 1),
      new City("Australia", "New Zealand", "Canterbury", "Christchurch", "en", 0.6));

  /** Wiki languages, and the share of all pages each wiki's pool holds. */
  static final String[] LANGUAGES = {"en", "de", "fr", "es", "ru", "ja", "it", "zh", "pt", "pl", "nl", "sv", "ko",
      "ar"};
  private static final double[] PAGE_SHARE = {0.36, 0.10, 0.09, 0.08, 0.07, 0.06, 0.05, 0.05, 0.04, 0.025, 0.025,
      0.02, 0.015, 0.015};

  static final String[] NAMESPACES = {"article", "talk", "user", "wikipedia", "user talk", "template", "category",
      "file"};
  private static final String[] NAMESPACE_PREFIX = {"", "Talk:", "User:", "Wikipedia:", "User talk:", "Template:",
      "Category:", "File:"};
  private static final int FILE_NAMESPACE = 7;
  private static final WeightedSampler NAMESPACE_WEIGHTS = WeightedSampler.of(70, 8, 6, 6, 4, 2, 3, 1);

  /** The tutorial's pages and users lead their rankings, so the familiar names are the most frequent ones. */
  private static final String[] SEED_PAGES = {"Gypsy Danger", "Striker Eureka", "Cherno Alpha", "Crimson Typhoon",
      "Coyote Tango"};
  private static final String[] SEED_USERS = {"nuclear", "speed", "masterYi", "triplets", "stringer"};

  private static final long WORLD_SEED = 2013_08_31L;
  private static final int PAGE_COUNT = 50_000;
  private static final int USER_COUNT = 20_000;
  private static final Text[] NAMESPACE_TEXT = Arrays.stream(NAMESPACES).map(Text::new).toArray(Text[]::new);

  final Page[][] pages;
  final User[] users;
  /** Popularity of the users, by rank. */
  final WeightedSampler userPopularity;
  /** Popularity of each language's pages, by rank. */
  final WeightedSampler[] pagePopularity;

  private WikipediaVocabulary(Page[][] pages, User[] users) {
    this.pages = pages;
    this.users = users;
    this.userPopularity = WeightedSampler.zipf(users.length, 1.05, 2);
    this.pagePopularity = new WeightedSampler[pages.length];
    for (int l = 0; l < pages.length; l++) {
      pagePopularity[l] = WeightedSampler.zipf(pages[l].length, 1.0, 10);
    }
  }

  /** Built on first use. */
  private static final class Standard {
    static final WikipediaVocabulary INSTANCE = build(new SplittableRandom(WORLD_SEED), PAGE_COUNT, USER_COUNT);
  }

  /** The shared world: about 50,000 pages and 20,000 users. */
  static WikipediaVocabulary standard() {
    return Standard.INSTANCE;
  }

  private static int languageIndex(String language) {
    for (int i = 0; i < LANGUAGES.length; i++) {
      if (LANGUAGES[i].equals(language)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown language " + language);
  }

  static WikipediaVocabulary build(SplittableRandom random, int pageCount, int userCount) {
    int[] languageOfCity = new int[CITIES.size()];
    for (int i = 0; i < languageOfCity.length; i++) {
      languageOfCity[i] = languageIndex(CITIES.get(i).language());
    }
    Page[][] pages = new Page[LANGUAGES.length][];
    for (int l = 0; l < LANGUAGES.length; l++) {
      pages[l] = pages(random, l, Math.max(10, (int) Math.round(pageCount * PAGE_SHARE[l])));
    }
    return new WikipediaVocabulary(pages, users(random, userCount, languageOfCity));
  }

  private static Page[] pages(SplittableRandom random, int language, int count) {
    Set<String> seen = new HashSet<>();
    Page[] out = new Page[count];
    for (int i = 0; i < count; i++) {
      int ns = language == 0 && i < SEED_PAGES.length ? 0 : NAMESPACE_WEIGHTS.sample(random);
      String title;
      int attempt = 0;
      do {
        String base = language == 0 && i < SEED_PAGES.length ? SEED_PAGES[i] : WikipediaWords.title(random, language);
        title = NAMESPACE_PREFIX[ns] + base + (ns == FILE_NAMESPACE ? ".jpg" : "");
        // The word lists allow far more titles than any pool needs; a numbered suffix ends rare collision runs.
        if (++attempt > 20) {
          title += " (" + attempt + ")";
        }
      } while (!seen.add(title));
      out[i] = new Page(new Text(title), NAMESPACE_TEXT[ns]);
    }
    return out;
  }

  private static User[] users(SplittableRandom random, int count, int[] languageOfCity) {
    WeightedSampler cities = WeightedSampler.of(CITIES.stream().mapToDouble(City::weight).toArray());
    Set<String> seen = new HashSet<>();
    User[] out = new User[count];
    for (int rank = 0; rank < count; rank++) {
      double tail = (double) rank / count;
      boolean seed = rank < SEED_USERS.length;
      // IP editors are mostly occasional: rare at the head of the ranking, common in its tail.
      boolean anonymous = !seed && random.nextDouble() < 0.06 + 0.5 * tail;
      // Bots make many edits each, so they crowd the head; the tutorial's users keep their robot flags.
      double botOdds = rank < 30 ? 0.3 : rank < 300 ? 0.06 : 0.004;
      boolean robot = seed ? rank > 0 : !anonymous && random.nextDouble() < botOdds;
      int city = cities.sample(random);
      String name;
      do {
        name = seed ? SEED_USERS[rank] : anonymous ? WikipediaWords.ipAddress(random)
            : WikipediaWords.userName(random, robot);
      } while (!seen.add(name));
      int home = languageOfCity[city];
      double r = random.nextDouble();
      int language = r < 0.85 ? home : r < 0.95 ? 0 : random.nextInt(LANGUAGES.length);
      out[rank] = new User(new Text(name), anonymous, robot, city, language);
    }
    return out;
  }
}
