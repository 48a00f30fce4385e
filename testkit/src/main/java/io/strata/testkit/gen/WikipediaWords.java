package io.strata.testkit.gen;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Word lists and the recipes that turn them into page titles, user names and IP addresses for
 * {@link WikipediaVocabulary}. Titles follow the shapes real ones have: biographies, places with a state after a
 * comma, "X (film)" disambiguations, "List of ...", the occasional quoted nickname, and in the other wikis
 * compounds of common nouns in their own script (no spaces for Chinese and Japanese).
 */
final class WikipediaWords {
  private static final String[] ADJECTIVES = {"Red", "Blue", "Black", "White", "Green", "Golden", "Silver",
      "Northern", "Southern", "Eastern", "Western", "Great", "Little", "Old", "New", "Lost", "Hidden", "Ancient",
      "Royal", "Grand", "Crimson", "Iron", "Stone", "Wild", "Dark", "Bright", "Silent", "Broken", "Last", "First",
      "Upper", "Lower", "Sacred", "Frozen", "Burning", "Flying", "Wandering", "Eternal", "Imperial", "Hollow"};
  private static final String[] NOUNS = {"River", "Mountain", "Valley", "Harbor", "Castle", "Bridge", "Railway",
      "Station", "Church", "School", "University", "Empire", "Kingdom", "Republic", "War", "Battle", "Treaty",
      "Revolution", "Dynasty", "Island", "Lake", "Forest", "Desert", "Road", "Tower", "Garden", "Museum", "Library",
      "Theatre", "Festival", "Championship", "Cup", "League", "Party", "Army", "Navy", "Airport", "Canal",
      "Cathedral", "Palace", "Abbey", "County", "District", "Province", "Expedition", "Siege", "Conspiracy",
      "Alliance", "Society", "Orchestra", "Album", "Novel", "Opera", "Mission", "Storm", "Dragon", "Phoenix",
      "Falcon", "Tiger", "Lion"};
  private static final String[] FIRST_NAMES = {"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael",
      "Linda", "William", "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
      "Charles", "Karen", "Christopher", "Nancy", "Daniel", "Lisa", "Matthew", "Betty", "Anthony", "Margaret",
      "Mark", "Sandra", "Donald", "Ashley", "Steven", "Emily", "Paul", "Donna", "Andrew", "Michelle", "Joshua",
      "Carol"};
  private static final String[] LAST_NAMES = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
      "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
      "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
      "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill",
      "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
      "O'Brien", "O'Connor", "Fitzgerald", "Byrne", "McCarthy", "Gallagher", "Kowalski", "Novak", "Jensen",
      "Lindqvist"};
  private static final String[] STATES = {"Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado",
      "Connecticut", "Delaware", "Florida", "Georgia", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky",
      "Louisiana", "Maine", "Maryland", "Michigan", "Minnesota", "Missouri", "Montana", "Nebraska", "Nevada",
      "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Texas", "Utah", "Vermont", "Virginia", "Wisconsin", "Wyoming"};
  private static final String[] PLACE_SUFFIXES = {"ville", "ton", "burg", "field", "ford", " Springs", " City",
      " Falls", "wood", "port"};
  private static final String[] DISAMBIGUATIONS = {"film", "band", "album", "song", "novel", "TV series", "ship",
      "river", "village", "footballer", "politician", "video game"};

  /** Common nouns of each non-English wiki, in {@link WikipediaVocabulary#LANGUAGES} order from index 1. */
  private static final String[][] WORDS = {
      {"Geschichte", "Krieg", "Stadt", "Burg", "Kirche", "Fluss", "Bahnhof", "Schule", "Universität", "Liste",
          "Verein", "Musik", "Film", "Partei", "Bundesland", "Landkreis", "Gemeinde", "Schloss", "Brücke",
          "Straße", "Insel", "Berg", "See", "Wald", "Kunst", "Sprache", "Literatur", "Theater", "Museum",
          "Bibliothek", "Flughafen", "Hafen", "Kloster", "Dorf", "Grafschaft", "Herzogtum", "Königreich",
          "Republik", "Revolution", "Schlacht"},
      {"Histoire", "Guerre", "Ville", "Château", "Église", "Rivière", "Gare", "École", "Université", "Liste",
          "Musique", "Film", "Parti", "Région", "Département", "Commune", "Pont", "Rue", "Île", "Montagne",
          "Lac", "Forêt", "Art", "Langue", "Littérature", "Théâtre", "Musée", "Bibliothèque", "Aéroport",
          "Port", "Abbaye", "Village", "Comté", "Duché", "Royaume", "République", "Révolution", "Bataille",
          "Cathédrale", "Opéra"},
      {"Historia", "Guerra", "Ciudad", "Castillo", "Iglesia", "Río", "Estación", "Escuela", "Universidad",
          "Anexo", "Música", "Película", "Partido", "Provincia", "Municipio", "Puente", "Calle", "Isla",
          "Montaña", "Lago", "Bosque", "Arte", "Idioma", "Literatura", "Teatro", "Museo", "Biblioteca",
          "Aeropuerto", "Puerto", "Monasterio", "Pueblo", "Condado", "Reino", "República", "Revolución",
          "Batalla", "Catedral", "Selección", "Copa", "Liga"},
      {"История", "Война", "Город", "Замок", "Церковь", "Река", "Станция", "Школа", "Университет", "Список",
          "Музыка", "Фильм", "Партия", "Область", "Район", "Мост", "Улица", "Остров", "Гора", "Озеро", "Лес",
          "Искусство", "Язык", "Литература", "Театр", "Музей", "Библиотека", "Аэропорт", "Порт", "Монастырь",
          "Село", "Княжество", "Королевство", "Республика", "Революция", "Битва", "Собор", "Чемпионат",
          "Кубок", "Сборная"},
      {"日本", "歴史", "戦争", "都市", "城", "寺院", "川", "駅", "学校", "大学", "一覧", "音楽", "映画", "政党", "県", "市", "橋", "通り",
          "島", "山", "湖", "森", "美術", "言語", "文学", "劇場", "博物館", "図書館", "空港", "港", "神社", "村", "藩", "王国", "共和国",
          "革命", "合戦", "大聖堂", "選手権", "杯"},
      {"Storia", "Guerra", "Città", "Castello", "Chiesa", "Fiume", "Stazione", "Scuola", "Università", "Lista",
          "Musica", "Film", "Partito", "Provincia", "Comune", "Ponte", "Via", "Isola", "Monte", "Lago",
          "Bosco", "Arte", "Lingua", "Letteratura", "Teatro", "Museo", "Biblioteca", "Aeroporto", "Porto",
          "Abbazia", "Borgo", "Contea", "Ducato", "Regno", "Repubblica", "Rivoluzione", "Battaglia",
          "Cattedrale", "Campionato", "Coppa"},
      {"中国", "历史", "战争", "城市", "城堡", "教堂", "河流", "车站", "学校", "大学", "列表", "音乐", "电影", "政党", "省", "县", "桥", "街道",
          "岛", "山", "湖", "森林", "艺术", "语言", "文学", "剧院", "博物馆", "图书馆", "机场", "港口", "寺", "村", "王国", "共和国", "革命",
          "战役", "大教堂", "锦标赛", "杯", "联赛"},
      {"História", "Guerra", "Cidade", "Castelo", "Igreja", "Rio", "Estação", "Escola", "Universidade",
          "Lista", "Música", "Filme", "Partido", "Estado", "Município", "Ponte", "Rua", "Ilha", "Serra",
          "Lago", "Floresta", "Arte", "Língua", "Literatura", "Teatro", "Museu", "Biblioteca", "Aeroporto",
          "Porto", "Mosteiro", "Aldeia", "Condado", "Reino", "República", "Revolução", "Batalha", "Catedral",
          "Campeonato", "Copa", "Seleção"},
      {"Historia", "Wojna", "Miasto", "Zamek", "Kościół", "Rzeka", "Stacja", "Szkoła", "Uniwersytet", "Lista",
          "Muzyka", "Film", "Partia", "Województwo", "Gmina", "Most", "Ulica", "Wyspa", "Góra", "Jezioro",
          "Las", "Sztuka", "Język", "Literatura", "Teatr", "Muzeum", "Biblioteka", "Lotnisko", "Port",
          "Klasztor", "Wieś", "Powiat", "Księstwo", "Królestwo", "Republika", "Rewolucja", "Bitwa", "Katedra",
          "Mistrzostwa", "Puchar"},
      {"Geschiedenis", "Oorlog", "Stad", "Kasteel", "Kerk", "Rivier", "Station", "School", "Universiteit",
          "Lijst", "Muziek", "Film", "Partij", "Provincie", "Gemeente", "Brug", "Straat", "Eiland", "Berg",
          "Meer", "Bos", "Kunst", "Taal", "Literatuur", "Theater", "Museum", "Bibliotheek", "Luchthaven",
          "Haven", "Klooster", "Dorp", "Graafschap", "Hertogdom", "Koninkrijk", "Republiek", "Revolutie",
          "Slag", "Kathedraal", "Kampioenschap", "Beker"},
      {"Historia", "Krig", "Stad", "Slott", "Kyrka", "Älv", "Station", "Skola", "Universitet", "Lista",
          "Musik", "Film", "Parti", "Län", "Kommun", "Bro", "Gata", "Ö", "Berg", "Sjö", "Skog", "Konst",
          "Språk", "Litteratur", "Teater", "Museum", "Bibliotek", "Flygplats", "Hamn", "Kloster", "By",
          "Landskap", "Hertigdöme", "Kungarike", "Republik", "Revolution", "Slaget", "Katedral", "Mästerskap",
          "Cup"},
      {"한국", "역사", "전쟁", "도시", "성", "교회", "강", "역", "학교", "대학교", "목록", "음악", "영화", "정당", "도", "시", "다리", "거리",
          "섬", "산", "호수", "숲", "미술", "언어", "문학", "극장", "박물관", "도서관", "공항", "항구", "사찰", "마을", "왕국", "공화국", "혁명",
          "전투", "대성당", "선수권", "컵", "리그"},
      {"تاريخ", "حرب", "مدينة", "قلعة", "كنيسة", "نهر", "محطة", "مدرسة", "جامعة", "قائمة", "موسيقى", "فيلم",
          "حزب", "محافظة", "بلدية", "جسر", "شارع", "جزيرة", "جبل", "بحيرة", "غابة", "فن", "لغة", "أدب", "مسرح",
          "متحف", "مكتبة", "مطار", "ميناء", "دير", "قرية", "مملكة", "جمهورية", "ثورة", "معركة", "كاتدرائية",
          "بطولة", "كأس", "دوري", "مسجد"}};
  private static final int JA = 5;
  private static final int ZH = 7;

  private WikipediaWords() {
  }

  private static String pick(SplittableRandom random, String[] words) {
    return words[random.nextInt(words.length)];
  }

  static String title(SplittableRandom random, int language) {
    return language == 0 ? englishTitle(random) : foreignTitle(random, language);
  }

  private static String englishTitle(SplittableRandom random) {
    int shape = random.nextInt(100);
    if (shape < 25) {
      return pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES);
    }
    if (shape < 50) {
      return pick(random, ADJECTIVES) + " " + pick(random, NOUNS);
    }
    if (shape < 60) {
      return "The " + pick(random, ADJECTIVES) + " " + pick(random, NOUNS) + " of " + pick(random, NOUNS);
    }
    if (shape < 72) {
      return pick(random, LAST_NAMES) + pick(random, PLACE_SUFFIXES) + ", " + pick(random, STATES);
    }
    if (shape < 84) {
      return pick(random, ADJECTIVES) + " " + pick(random, NOUNS) + " (" + pick(random, DISAMBIGUATIONS) + ")";
    }
    if (shape < 90) {
      return "List of " + plural(pick(random, NOUNS).toLowerCase(Locale.ROOT)) + " in " + pick(random, STATES);
    }
    if (shape < 99) {
      return (1800 + random.nextInt(225)) + " " + pick(random, ADJECTIVES) + " " + pick(random, NOUNS);
    }
    return pick(random, FIRST_NAMES) + " \"" + pick(random, ADJECTIVES) + "\" " + pick(random, LAST_NAMES);
  }

  private static String foreignTitle(SplittableRandom random, int language) {
    String[] words = WORDS[language - 1];
    String sep = language == JA || language == ZH ? "" : " ";
    int shape = random.nextInt(10);
    if (shape < 6) {
      return pick(random, words) + sep + pick(random, words);
    }
    if (shape < 8) {
      return pick(random, words) + sep + pick(random, words) + sep + pick(random, words);
    }
    return pick(random, words) + " (" + (1800 + random.nextInt(225)) + ")";
  }

  /** English plural of the nouns above (none of them is irregular). */
  private static String plural(String noun) {
    int n = noun.length();
    if (noun.endsWith("y") && "aeiou".indexOf(noun.charAt(n - 2)) < 0) {
      return noun.substring(0, n - 1) + "ies";
    }
    return noun + "s";
  }

  static String userName(SplittableRandom random, boolean robot) {
    String base = switch (random.nextInt(5)) {
      case 0 -> pick(random, ADJECTIVES) + pick(random, NOUNS);
      case 1 -> pick(random, FIRST_NAMES).toLowerCase(Locale.ROOT) + random.nextInt(1, 2000);
      case 2 -> pick(random, FIRST_NAMES) + " " + pick(random, LAST_NAMES);
      case 3 -> pick(random, FIRST_NAMES) + "_" + pick(random, LAST_NAMES) + random.nextInt(10, 100);
      default -> pick(random, NOUNS) + pick(random, NOUNS).toLowerCase(Locale.ROOT);
    };
    return robot ? base.replace(" ", "") + (random.nextBoolean() ? "Bot" : "bot") : base;
  }

  /** A public-looking IPv4 address, or (one time in ten) an IPv6 address, as anonymous editors are named. */
  static String ipAddress(SplittableRandom random) {
    if (random.nextInt(10) == 0) {
      StringBuilder v6 = new StringBuilder("2a0").append(random.nextInt(10)).append(':');
      for (int i = 0; i < 6; i++) {
        v6.append(Integer.toHexString(random.nextInt(0x10000))).append(i < 5 ? ":" : "");
      }
      return v6.toString();
    }
    int first;
    do {
      first = random.nextInt(1, 224);
    } while (first == 10 || first == 127 || first == 172 || first == 192 || first == 169 || first == 100);
    return first + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
  }
}
