import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { articleInput, articleTypeByName, parseOrThrow, type ArticleInput, type TagInput } from '@/lib/content/article-input';
import { readArticleState } from '@/lib/content/article-output';
import { markdownToBody } from '@/lib/content/markdown-to-body';
import { createArticleInTransaction } from '@/lib/content/save-article';
import { upsertTagInTransaction } from '@/lib/content/save-tag';
import { storeOriginal } from '@/lib/media/storage';
import { renderDemoImage, type DemoImage } from './demo-images';

/*
 * A made-up but realistic archive of foreign-policy news for search tests and
 * benchmarks: German and English versions of every article, written from one
 * vocabulary so the two are translations of each other, spread over ten
 * years. Everything follows from the seed (and the `until` date), so a test
 * or a benchmark run sees the same archive every time.
 */

// ---------------------------------------------------------------------------
// Randomness

export type Random = {
  /** A number in [0, 1). */
  next: () => number;
  /** An integer in [min, max]. */
  int: (min: number, max: number) => number;
  chance: (probability: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  /** Like pick, but early items come up far more often than late ones, as words do in real text. */
  pickSkewed: <T>(items: readonly T[]) => T;
};

/** A small, fast PRNG (32-bit state, mulberry32 mixing); the same seed gives the same sequence everywhere. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
  const at = <T>(items: readonly T[], index: number): T => {
    const item = items[Math.min(index, items.length - 1)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => at(items, Math.floor(next() * items.length)),
    pickSkewed: (items) => at(items, Math.floor(next() ** 2 * items.length)),
  };
}

// ---------------------------------------------------------------------------
// Vocabulary: every entry in German and English

export type Text = { de: string; en: string };
type Lang = keyof Text;
const LANGS: Lang[] = ['de', 'en'];

/** The archive's tags: twelve topics and eight regions. */
const TAGS = {
  ruestungskontrolle: { de: 'Rüstungskontrolle', en: 'Arms control', enSlug: 'arms-control' },
  klimadiplomatie: { de: 'Klimadiplomatie', en: 'Climate diplomacy', enSlug: 'climate-diplomacy' },
  menschenrechte: { de: 'Menschenrechte', en: 'Human rights', enSlug: 'human-rights' },
  ernaehrungssicherheit: { de: 'Ernährungssicherheit', en: 'Food security', enSlug: 'food-security' },
  energiesicherheit: { de: 'Energiesicherheit', en: 'Energy security', enSlug: 'energy-security' },
  cybersicherheit: { de: 'Cybersicherheit', en: 'Cyber security', enSlug: 'cyber-security' },
  migration: { de: 'Migration', en: 'Migration', enSlug: 'migration' },
  wiederaufbau: { de: 'Wiederaufbau', en: 'Reconstruction', enSlug: 'reconstruction' },
  krisenpraevention: { de: 'Krisenprävention', en: 'Crisis prevention', enSlug: 'crisis-prevention' },
  'vereinte-nationen': { de: 'Vereinte Nationen', en: 'United Nations', enSlug: 'united-nations' },
  aussenwirtschaft: { de: 'Außenwirtschaft', en: 'Foreign trade', enSlug: 'foreign-trade' },
  'kultur-und-bildung': { de: 'Kultur und Bildung', en: 'Culture and education', enSlug: 'culture-and-education' },
  afrika: { de: 'Afrika', en: 'Africa', enSlug: 'africa' },
  asien: { de: 'Asien', en: 'Asia', enSlug: 'asia' },
  lateinamerika: { de: 'Lateinamerika', en: 'Latin America', enSlug: 'latin-america' },
  nahost: { de: 'Nahost', en: 'Middle East', enSlug: 'middle-east' },
  osteuropa: { de: 'Osteuropa', en: 'Eastern Europe', enSlug: 'eastern-europe' },
  westbalkan: { de: 'Westbalkan', en: 'Western Balkans', enSlug: 'western-balkans' },
  zentralasien: { de: 'Zentralasien', en: 'Central Asia', enSlug: 'central-asia' },
  nordamerika: { de: 'Nordamerika', en: 'North America', enSlug: 'north-america' },
} as const;

type TagKey = keyof typeof TAGS;
const TAG_KEYS = Object.keys(TAGS) as TagKey[];

/** The tags in the shape editors submit them, by key. */
export function archiveTags(): Record<TagKey, TagInput> {
  return Object.fromEntries(
    TAG_KEYS.map((key) => {
      const tag = TAGS[key];
      return [key, { de: { name: tag.de, slug: key }, en: { name: tag.en, slug: tag.enSlug } }];
    }),
  ) as Record<TagKey, TagInput>;
}

type Topic = Text & { tag: TagKey };
// Bare nouns, so they fit "zum Thema …", "im Bereich …" and "für …" without declension.
const TOPICS: Topic[] = [
  { de: 'Rüstungskontrolle', en: 'arms control', tag: 'ruestungskontrolle' },
  { de: 'humanitäre Hilfe', en: 'humanitarian assistance', tag: 'krisenpraevention' },
  { de: 'Klimaschutz', en: 'climate action', tag: 'klimadiplomatie' },
  { de: 'Menschenrechte', en: 'human rights', tag: 'menschenrechte' },
  { de: 'Wiederaufbau', en: 'reconstruction', tag: 'wiederaufbau' },
  { de: 'Ernährungssicherheit', en: 'food security', tag: 'ernaehrungssicherheit' },
  { de: 'Energiesicherheit', en: 'energy security', tag: 'energiesicherheit' },
  { de: 'Krisenprävention', en: 'crisis prevention', tag: 'krisenpraevention' },
  { de: 'nukleare Abrüstung', en: 'nuclear disarmament', tag: 'ruestungskontrolle' },
  { de: 'Cybersicherheit', en: 'cyber security', tag: 'cybersicherheit' },
  { de: 'Migration und Flucht', en: 'migration and displacement', tag: 'migration' },
  { de: 'Friedensförderung', en: 'peacebuilding', tag: 'krisenpraevention' },
  { de: 'Anpassung an den Klimawandel', en: 'adaptation to climate change', tag: 'klimadiplomatie' },
  { de: 'Pressefreiheit', en: 'press freedom', tag: 'menschenrechte' },
  { de: 'Handelsbeziehungen', en: 'trade relations', tag: 'aussenwirtschaft' },
  { de: 'erneuerbare Energien', en: 'renewable energy', tag: 'energiesicherheit' },
  { de: 'Minenräumung', en: 'mine clearance', tag: 'wiederaufbau' },
  { de: 'Reform der Vereinten Nationen', en: 'reform of the United Nations', tag: 'vereinte-nationen' },
  { de: 'Kleinwaffenkontrolle', en: 'small arms control', tag: 'ruestungskontrolle' },
  { de: 'Wissenschaftsaustausch', en: 'academic exchange', tag: 'kultur-und-bildung' },
  { de: 'sichere Lieferketten', en: 'secure supply chains', tag: 'aussenwirtschaft' },
  { de: 'Schutz des kulturellen Erbes', en: 'protection of cultural heritage', tag: 'kultur-und-bildung' },
  { de: 'Wasserversorgung', en: 'water supply', tag: 'ernaehrungssicherheit' },
  { de: 'Desinformation', en: 'disinformation', tag: 'cybersicherheit' },
];

/** Where meetings take place. */
const PLACES: Text[] = [
  { de: 'Berlin', en: 'Berlin' },
  { de: 'Brüssel', en: 'Brussels' },
  { de: 'Genf', en: 'Geneva' },
  { de: 'New York', en: 'New York' },
  { de: 'Wien', en: 'Vienna' },
  { de: 'München', en: 'Munich' },
  { de: 'Paris', en: 'Paris' },
  { de: 'Warschau', en: 'Warsaw' },
  { de: 'Straßburg', en: 'Strasbourg' },
  { de: 'Den Haag', en: 'The Hague' },
  { de: 'Addis Abeba', en: 'Addis Ababa' },
  { de: 'Nairobi', en: 'Nairobi' },
  { de: 'Amman', en: 'Amman' },
  { de: 'Tokio', en: 'Tokyo' },
  { de: 'Jakarta', en: 'Jakarta' },
  { de: 'Ottawa', en: 'Ottawa' },
  { de: 'Bogotá', en: 'Bogotá' },
  { de: 'Kairo', en: 'Cairo' },
  { de: 'Lissabon', en: 'Lisbon' },
  { de: 'Taschkent', en: 'Tashkent' },
  { de: 'Rom', en: 'Rome' },
  { de: 'Kopenhagen', en: 'Copenhagen' },
  { de: 'Düsseldorf', en: 'Düsseldorf' },
  { de: 'Sarajevo', en: 'Sarajevo' },
];

type Region = { name: Text; in: Text; for: Text; tag: TagKey };

function country(de: string, en: string, tag: TagKey): Region {
  return { name: { de, en }, in: { de: `in ${de}`, en: `in ${en}` }, for: { de: `für ${de}`, en: `for ${en}` }, tag };
}

const COUNTRIES: Region[] = [
  country('Jordanien', 'Jordan', 'nahost'),
  country('Äthiopien', 'Ethiopia', 'afrika'),
  country('Kenia', 'Kenya', 'afrika'),
  country('Nigeria', 'Nigeria', 'afrika'),
  country('Mali', 'Mali', 'afrika'),
  country('Ghana', 'Ghana', 'afrika'),
  country('Tunesien', 'Tunisia', 'afrika'),
  country('Ägypten', 'Egypt', 'nahost'),
  country('Irak', 'Iraq', 'nahost'),
  country('Georgien', 'Georgia', 'osteuropa'),
  country('Armenien', 'Armenia', 'osteuropa'),
  country('Polen', 'Poland', 'osteuropa'),
  country('Serbien', 'Serbia', 'westbalkan'),
  country('Albanien', 'Albania', 'westbalkan'),
  country('Nordmazedonien', 'North Macedonia', 'westbalkan'),
  country('Bosnien und Herzegowina', 'Bosnia and Herzegovina', 'westbalkan'),
  country('Usbekistan', 'Uzbekistan', 'zentralasien'),
  country('Kasachstan', 'Kazakhstan', 'zentralasien'),
  country('Kirgisistan', 'Kyrgyzstan', 'zentralasien'),
  country('Indonesien', 'Indonesia', 'asien'),
  country('Vietnam', 'Viet Nam', 'asien'),
  country('Bangladesch', 'Bangladesh', 'asien'),
  country('Japan', 'Japan', 'asien'),
  country('Kolumbien', 'Colombia', 'lateinamerika'),
  country('Brasilien', 'Brazil', 'lateinamerika'),
  country('Chile', 'Chile', 'lateinamerika'),
  country('Peru', 'Peru', 'lateinamerika'),
  country('Kanada', 'Canada', 'nordamerika'),
  country('Mexiko', 'Mexico', 'nordamerika'),
];

// Made-up provinces and people give the archive what real news has: a long
// tail of names that occur in only a handful of articles (selective search terms).
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ven', 'dor', 'sa', 'tel', 'bru', 'nia', 'vo', 'rin', 'ash', 'kel', 'mar', 'ta', 'zu', 'ber', 'lin', 'go', 'ur', 'fen', 'dal', 'osk'];
const NAME_SEED = 0x5eed;

function madeUpNames(count: number, random: Random, minSyllables: number, maxSyllables: number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const syllables = Array.from({ length: random.int(minSyllables, maxSyllables) }, () => random.pick(SYLLABLES)).join('');
    names.add(syllables.charAt(0).toUpperCase() + syllables.slice(1));
  }
  return [...names];
}

const nameRandom = createRandom(NAME_SEED);
/** Made-up province names (the same for every seed). */
export const PROVINCE_NAMES = madeUpNames(300, nameRandom, 3, 4);
const SURNAMES = madeUpNames(200, nameRandom, 2, 3).filter((name) => !PROVINCE_NAMES.includes(name));
const FIRST_NAMES = ['Anna', 'Jonas', 'Miriam', 'Lukas', 'Sofia', 'Tobias', 'Leila', 'Daniel', 'Claire', 'Mateo', 'Amara', 'Henrik', 'Yuki', 'Omar', 'Ines', 'Pavel'];
const PROVINCE_REGIONS: TagKey[] = ['afrika', 'asien', 'lateinamerika', 'nahost', 'osteuropa', 'westbalkan', 'zentralasien'];

function province(name: string, index: number): Region {
  return {
    name: { de: `Provinz ${name}`, en: `the province of ${name}` },
    in: { de: `in der Provinz ${name}`, en: `in the province of ${name}` },
    for: { de: `für die Provinz ${name}`, en: `for the province of ${name}` },
    tag: PROVINCE_REGIONS[index % PROVINCE_REGIONS.length] ?? 'afrika',
  };
}

const PROVINCES = PROVINCE_NAMES.map(province);

/** Subjects of sentences: singular, nominative, lower-case article. */
const ACTORS: Text[] = [
  { de: 'der Außenminister', en: 'the Foreign Minister' },
  { de: 'die Außenministerin', en: 'the Foreign Minister' },
  { de: 'die Bundesregierung', en: 'the Federal Government' },
  { de: 'die Staatsministerin', en: 'the Minister of State' },
  { de: 'der Staatssekretär', en: 'the State Secretary' },
  { de: 'der deutsche Botschafter', en: 'the German Ambassador' },
  { de: 'die deutsche Botschafterin', en: 'the German Ambassador' },
  { de: 'das Bundesamt für Außenbeziehungen', en: 'the Federal Office for External Relations' },
  { de: 'die deutsche Delegation', en: 'the German delegation' },
  { de: 'die Beauftragte für Menschenrechtspolitik', en: 'the Commissioner for Human Rights Policy' },
];

/** Partners, in the dative German needs after "mit". */
const PARTNERS: Text[] = [
  { de: 'den Vereinten Nationen', en: 'the United Nations' },
  { de: 'der Europäischen Union', en: 'the European Union' },
  { de: 'der Afrikanischen Union', en: 'the African Union' },
  { de: 'der OSZE', en: 'the OSCE' },
  { de: 'dem Welternährungsprogramm', en: 'the World Food Programme' },
  { de: 'dem Internationalen Komitee vom Roten Kreuz', en: 'the International Committee of the Red Cross' },
  { de: 'der Weltbank', en: 'the World Bank' },
  { de: 'den G7-Partnern', en: 'the G7 partners' },
  { de: 'den Nachbarstaaten', en: 'the neighbouring states' },
  { de: 'zivilgesellschaftlichen Organisationen', en: 'civil society organisations' },
  { de: 'dem Hohen Flüchtlingskommissariat', en: 'the UN Refugee Agency' },
];

const OFFICES: Text[] = [
  { de: 'Außenministerin', en: 'Foreign Minister' },
  { de: 'Außenminister', en: 'Foreign Minister' },
  { de: 'Premierministerin', en: 'Prime Minister' },
  { de: 'Staatspräsident', en: 'President' },
  { de: 'Botschafterin', en: 'Ambassador' },
  { de: 'Sondergesandter', en: 'Special Envoy' },
  { de: 'Staatsministerin', en: 'Minister of State' },
  { de: 'Staatssekretär', en: 'State Secretary' },
];

const WEEKDAYS: Text[] = [
  { de: 'Montag', en: 'Monday' },
  { de: 'Dienstag', en: 'Tuesday' },
  { de: 'Mittwoch', en: 'Wednesday' },
  { de: 'Donnerstag', en: 'Thursday' },
  { de: 'Freitag', en: 'Friday' },
];

const MONTHS: Text[] = [
  { de: 'Januar', en: 'January' },
  { de: 'Februar', en: 'February' },
  { de: 'März', en: 'March' },
  { de: 'April', en: 'April' },
  { de: 'Mai', en: 'May' },
  { de: 'Juni', en: 'June' },
  { de: 'Juli', en: 'July' },
  { de: 'September', en: 'September' },
  { de: 'Oktober', en: 'October' },
  { de: 'November', en: 'November' },
];

const LIST_ITEMS: ((c: Scene) => Text)[] = [
  (c) => ({ de: `zusätzliche Mittel für ${c.topic.de}`, en: `additional funding for ${c.topic.en}` }),
  () => ({ de: 'regelmäßige Konsultationen auf Ministerebene', en: 'regular consultations at ministerial level' }),
  (c) => ({ de: `ein gemeinsames Verbindungsbüro in ${c.place.de}`, en: `a joint liaison office in ${c.place.en}` }),
  () => ({ de: 'den Schutz der Zivilbevölkerung', en: 'the protection of the civilian population' }),
  () => ({ de: 'Programme zur Stärkung der Zivilgesellschaft', en: 'programmes to strengthen civil society' }),
  () => ({ de: 'Stipendien für junge Fachkräfte', en: 'scholarships for young professionals' }),
  (c) => ({ de: `eine Arbeitsgruppe mit ${c.partner.de}`, en: `a working group with ${c.partner.en}` }),
  () => ({ de: 'einen jährlichen Bericht an das Parlament', en: 'an annual report to parliament' }),
  () => ({ de: 'die Ausbildung von Fachleuten vor Ort', en: 'training for local experts' }),
  (c) => ({ de: `Hilfslieferungen ${c.region.for.de}`, en: `aid deliveries ${c.region.for.en}` }),
];

// ---------------------------------------------------------------------------
// Sentences

/** What an article is about (called `c` in the templates); sentences mostly stay with it, sometimes stray. */
type Scene = { topic: Topic; topic2: Topic; region: Region; place: Text; place2: Text; actor: Text; partner: Text; person: Text; year: number };

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function person(random: Random): Text {
  const office = random.pick(OFFICES);
  const name = `${random.pick(FIRST_NAMES)} ${random.pickSkewed(SURNAMES)}`;
  return { de: `${office.de} ${name}`, en: `${office.en} ${name}` };
}

function region(random: Random): Region {
  // Countries come up often, each made-up province only now and then.
  return random.chance(0.75) ? random.pickSkewed(COUNTRIES) : random.pick(PROVINCES);
}

function scene(random: Random, year: number): Scene {
  const topic = random.pickSkewed(TOPICS);
  return {
    topic,
    topic2: random.pick(TOPICS.filter((t) => t !== topic)),
    region: region(random),
    place: random.pickSkewed(PLACES),
    place2: random.pickSkewed(PLACES),
    actor: random.pickSkewed(ACTORS),
    partner: random.pickSkewed(PARTNERS),
    person: person(random),
    year,
  };
}

/** The scene with some of its parts swapped for random ones, so an article is not one sentence repeated. */
function drift(random: Random, c: Scene): Scene {
  return {
    ...c,
    topic2: random.chance(0.5) ? random.pick(TOPICS) : c.topic2,
    region: random.chance(0.2) ? region(random) : c.region,
    place2: random.pickSkewed(PLACES),
    actor: random.chance(0.4) ? random.pickSkewed(ACTORS) : c.actor,
    partner: random.chance(0.5) ? random.pickSkewed(PARTNERS) : c.partner,
  };
}

type SentenceTemplate = (c: Scene, random: Random) => Text;

const SENTENCES: SentenceTemplate[] = [
  (c, r) => {
    const day = r.pick(WEEKDAYS);
    return {
      de: `${capitalize(c.actor.de)} reiste am ${day.de} nach ${c.place.de}, um Gespräche zum Thema ${c.topic.de} zu führen.`,
      en: `${capitalize(c.actor.en)} travelled to ${c.place.en} on ${day.en} to hold talks on ${c.topic.en}.`,
    };
  },
  (c) => ({
    de: `Bei dem Treffen mit ${c.partner.de} ging es vor allem um das Thema ${c.topic.de}.`,
    en: `The meeting with ${c.partner.en} focused above all on ${c.topic.en}.`,
  }),
  (c, r) => {
    const millions = r.int(2, 120);
    return {
      de: `Deutschland stellt ${c.region.for.de} zusätzlich ${millions} Millionen Euro bereit.`,
      en: `Germany is providing an additional ${millions} million euros ${c.region.for.en}.`,
    };
  },
  (c, r) => {
    const month = r.pick(MONTHS);
    return {
      de: `Die Verhandlungen sollen im ${month.de} in ${c.place2.de} fortgesetzt werden.`,
      en: `The negotiations are to continue in ${c.place2.en} in ${month.en}.`,
    };
  },
  (c) => ({
    de: `${capitalize(c.actor.de)} betonte, dass Fortschritte im Bereich ${c.topic.de} nur gemeinsam mit ${c.partner.de} möglich seien.`,
    en: `${capitalize(c.actor.en)} stressed that progress in the field of ${c.topic.en} was only possible together with ${c.partner.en}.`,
  }),
  (c, r) => {
    const states = r.int(12, 80);
    return {
      de: `Nach Angaben des Bundesamts für Außenbeziehungen nahmen Vertreterinnen und Vertreter aus ${states} Staaten an der Konferenz in ${c.place.de} teil.`,
      en: `According to the Federal Office for External Relations, representatives of ${states} states took part in the conference in ${c.place.en}.`,
    };
  },
  (c) => ({
    de: `Die Lage ${c.region.in.de} bleibt nach Einschätzung der Bundesregierung angespannt.`,
    en: `In the Federal Government's assessment, the situation ${c.region.in.en} remains tense.`,
  }),
  (c) => ({
    de: `Im Mittelpunkt der Gespräche standen ${c.topic.de} und ${c.topic2.de}.`,
    en: `The talks centred on ${c.topic.en} and ${c.topic2.en}.`,
  }),
  (c) => ({
    de: `${capitalize(c.actor.de)} traf in ${c.place.de} mit ${c.person.de} zusammen.`,
    en: `${capitalize(c.actor.en)} met ${c.person.en} in ${c.place.en}.`,
  }),
  () => ({
    de: 'Ein Sprecher kündigte an, die Ergebnisse des Treffens in den kommenden Wochen gemeinsam mit den Partnern auszuwerten.',
    en: 'A spokesperson announced that the results of the meeting would be evaluated together with the partners in the coming weeks.',
  }),
  (c) => ({
    de: `Die Zusammenarbeit mit ${c.partner.de} im Bereich ${c.topic2.de} soll weiter ausgebaut werden.`,
    en: `Cooperation with ${c.partner.en} in the field of ${c.topic2.en} is to be expanded further.`,
  }),
  (c) => ({
    de: `Seit ${c.year - 3} unterstützt Deutschland Projekte zum Thema ${c.topic.de} ${c.region.in.de}.`,
    en: `Since ${c.year - 3}, Germany has supported projects on ${c.topic.en} ${c.region.in.en}.`,
  }),
  (c) => ({
    de: `Die Straße zwischen ${c.place.de} und ${c.place2.de} war zeitweise gesperrt, die Hilfslieferungen erreichten die Region jedoch rechtzeitig.`,
    en: `The road between ${c.place.en} and ${c.place2.en} was closed at times, but the aid deliveries reached the region in time.`,
  }),
  () => ({
    de: 'Das Gespräch fand am Rande der Sitzung des Sicherheitsrats der Vereinten Nationen statt.',
    en: 'The talks took place on the sidelines of the session of the United Nations Security Council.',
  }),
  (c) => ({
    de: `Die Außenministerinnen und Außenminister verabschiedeten eine gemeinsame Erklärung zum Thema ${c.topic.de}.`,
    en: `The foreign ministers adopted a joint statement on ${c.topic.en}.`,
  }),
  (c) => ({
    de: `Beobachter werten die Einigung als wichtigen Schritt für ${c.topic.de} ${c.region.in.de}.`,
    en: `Observers regard the agreement as an important step for ${c.topic.en} ${c.region.in.en}.`,
  }),
  (c) => ({
    de: `Zugleich mahnte ${c.actor.de} an, die Vereinbarungen der vergangenen Jahre konsequent umzusetzen.`,
    en: `At the same time, ${c.actor.en} urged that the agreements of recent years be implemented consistently.`,
  }),
  (c) => ({
    de: `Vertreterinnen und Vertreter von ${c.partner.de} berichteten von großen Fortschritten, aber auch von neuen Herausforderungen ${c.region.in.de}.`,
    en: `Representatives of ${c.partner.en} reported great progress, but also new challenges ${c.region.in.en}.`,
  }),
  (c) => ({
    de: `Die Meetings der Arbeitsgruppen sollen künftig regelmäßig in ${c.place2.de} stattfinden.`,
    en: `The meetings of the working groups are to take place regularly in ${c.place2.en} from now on.`,
  }),
  (c) => ({
    de: `Viele Menschen ${c.region.in.de} sind weiterhin auf Unterstützung angewiesen, vor allem Kinder und ältere Menschen.`,
    en: `Many people ${c.region.in.en} continue to depend on support, above all children and older people.`,
  }),
  (c) => ({
    de: `Die Gespräche mit ${c.person.de} seien offen und konstruktiv gewesen, hieß es aus Delegationskreisen.`,
    en: `Delegation sources said the talks with ${c.person.en} had been open and constructive.`,
  }),
  (c) => ({
    de: `Deutschland gehört seit Jahren zu den größten Gebern im Bereich ${c.topic.de}.`,
    en: `For years, Germany has been one of the largest donors in the field of ${c.topic.en}.`,
  }),
];

const QUOTES: SentenceTemplate[] = [
  (c) => ({ de: `Wir werden unsere Partner ${c.region.in.de} nicht allein lassen.`, en: `We will not leave our partners ${c.region.in.en} on their own.` }),
  (c) => ({
    de: `Fortschritte beim Thema ${c.topic.de} gibt es nur, wenn alle Seiten Verantwortung übernehmen.`,
    en: `There will only be progress on ${c.topic.en} if all sides take responsibility.`,
  }),
  () => ({ de: 'Diplomatie braucht Geduld, aber sie wirkt.', en: 'Diplomacy needs patience, but it works.' }),
  (c) => ({
    de: `Was wir heute in ${c.place.de} vereinbart haben, muss jetzt auch umgesetzt werden.`,
    en: `What we agreed in ${c.place.en} today must now be put into practice.`,
  }),
  (c) => ({
    de: `Die Menschen ${c.region.in.de} erwarten zu Recht, dass den Worten Taten folgen.`,
    en: `People ${c.region.in.en} rightly expect words to be followed by action.`,
  }),
];

const HEADINGS: ((c: Scene) => Text)[] = [
  (c) => ({ de: `Gespräche in ${c.place.de}`, en: `Talks in ${c.place.en}` }),
  (c) => ({ de: `Unterstützung ${c.region.for.de}`, en: `Support ${c.region.for.en}` }),
  () => ({ de: 'Nächste Schritte', en: 'Next steps' }),
  () => ({ de: 'Hintergrund', en: 'Background' }),
  (c) => ({ de: `Zusammenarbeit im Bereich ${c.topic2.de}`, en: `Cooperation on ${c.topic2.en}` }),
  () => ({ de: 'Reaktionen der Partner', en: 'How partners responded' }),
  (c) => ({ de: `Die Lage ${c.region.in.de}`, en: `The situation ${c.region.in.en}` }),
];

const TITLES: Record<ArticleInput['type'], ((c: Scene) => Text)[]> = {
  article: [
    (c) => ({ de: `${capitalize(c.topic.de)}: Gespräche in ${c.place.de}`, en: `${capitalize(c.topic.en)}: talks in ${c.place.en}` }),
    (c) => ({ de: `Mehr Unterstützung ${c.region.for.de}`, en: `More support ${c.region.for.en}` }),
    (c) => ({ de: `Konferenz in ${c.place.de} berät über ${c.topic.de}`, en: `Conference in ${c.place.en} discusses ${c.topic.en}` }),
    (c) => ({ de: `Treffen mit ${c.person.de}`, en: `Meeting with ${c.person.en}` }),
    (c) => ({ de: `Neue Initiative zum Thema ${c.topic.de}`, en: `New initiative on ${c.topic.en}` }),
  ],
  'press-release': [
    (c) => ({ de: `Gemeinsame Erklärung zur Lage ${c.region.in.de}`, en: `Joint statement on the situation ${c.region.in.en}` }),
    (c) => ({ de: `Deutschland stärkt Zusammenarbeit mit ${c.partner.de}`, en: `Germany strengthens cooperation with ${c.partner.en}` }),
    (c) => ({ de: `Bundesamt für Außenbeziehungen zum Thema ${c.topic.de} ${c.region.in.de}`, en: `Federal Office for External Relations on ${c.topic.en} ${c.region.in.en}` }),
  ],
  speech: [
    (c) => ({ de: `Rede zum Thema ${c.topic.de} in ${c.place.de}`, en: `Speech on ${c.topic.en} in ${c.place.en}` }),
    (c) => ({ de: `Rede vor der Konferenz für ${c.topic.de}`, en: `Speech to the conference on ${c.topic.en}` }),
  ],
  interview: [
    (c) => ({ de: `„Wir brauchen einen langen Atem“ – Interview zum Thema ${c.topic.de}`, en: `“We need staying power” – interview on ${c.topic.en}` }),
    (c) => ({ de: `Interview: ${c.person.de} über ${c.topic.de}`, en: `Interview: ${c.person.en} on ${c.topic.en}` }),
  ],
};

/** Words as a reader counts them: anything with a letter or digit, not Markdown marks or dashes. */
export function countWords(text: string): number {
  return text.match(/[^\s\p{L}\p{N}]*[\p{L}\p{N}]\S*/gu)?.length ?? 0;
}

function both(make: (lang: Lang) => string): Text {
  return { de: make('de'), en: make('en') };
}

function joinTexts(parts: Text[], separator: string): Text {
  return both((lang) => parts.map((part) => part[lang]).join(separator));
}

/** `count` different sentences in both languages, usually about the article's scene. */
function sentences(random: Random, c: Scene, count: number): Text[] {
  const templates = new Set<SentenceTemplate>();
  while (templates.size < Math.min(count, SENTENCES.length)) templates.add(random.pick(SENTENCES));
  return [...templates].map((template) => template(random.chance(0.7) ? c : drift(random, c), random));
}

function paragraph(random: Random, c: Scene): Text {
  return joinTexts(sentences(random, c, random.int(3, 6)), ' ');
}

/** A paragraph of three to six sentences about a random scene, for benchmarks that need fresh text. */
export function randomParagraph(random: Random): Text {
  return paragraph(random, scene(random, 2020));
}

/** Two to four sentences of 40–60 words in each language. */
function lead(random: Random, c: Scene): Text {
  for (;;) {
    const candidates = sentences(random, c, 5);
    for (let length = 2; length <= 4; length += 1) {
      const text = joinTexts(candidates.slice(0, length), ' ');
      const words = [countWords(text.de), countWords(text.en)];
      if (words.every((n) => n >= 40 && n <= 60)) return text;
    }
  }
}

function quoteBlock(random: Random, c: Scene): Text {
  const speaker = random.chance(0.5) ? c.person : person(random);
  const templates = new Set([random.pick(QUOTES), random.pick(QUOTES)]);
  const lines = [...templates].map((template) => template(c, random));
  return both((lang) => `> ${lines.map((line) => line[lang]).join(' ')}\n>\n> — ${speaker[lang]}`);
}

function listBlock(random: Random, c: Scene): Text {
  const intro = random.chance(0.5)
    ? { de: 'Die Vereinbarung sieht unter anderem vor:', en: 'Among other things, the agreement provides for:' }
    : { de: 'Zu den nächsten Schritten gehören:', en: 'The next steps include:' };
  const items = new Set<(c: Scene) => Text>();
  const wanted = random.int(3, 5);
  while (items.size < wanted) items.add(random.pick(LIST_ITEMS));
  const lines = [...items].map((item) => item(c));
  return both((lang) => `${intro[lang]}\n\n${lines.map((line) => `- ${line[lang]}`).join('\n')}`);
}

const MAX_BODY_WORDS = 1_200;

/**
 * 600–1,200 words in each language: an opening, then `##` sections with
 * paragraphs, now and then a quote or a list. Blocks are added one at a time
 * (none is longer than ~150 words), so the body stops short of the maximum.
 */
function body(random: Random, c: Scene): Text {
  const blocks: Text[] = [paragraph(random, c), paragraph(random, c)];
  const target = random.int(720, MAX_BODY_WORDS - 160);
  let section = c;
  let sinceHeading = 0;
  const words = { de: 0, en: 0 };
  const count = (block: Text) => {
    for (const lang of LANGS) words[lang] += countWords(block[lang]);
  };
  blocks.forEach(count);
  while (Math.max(words.de, words.en) < target) {
    const newSection = sinceHeading === 0 || (sinceHeading >= 2 && random.chance(0.5));
    if (newSection) {
      section = drift(random, c);
      sinceHeading = 0;
    }
    const roll = random.next();
    const block = !newSection && roll < 0.25 ? quoteBlock(random, section) : !newSection && roll < 0.4 ? listBlock(random, section) : paragraph(random, section);
    const heading = random.pick(HEADINGS)(section);
    const added = newSection ? both((lang) => `## ${heading[lang]}\n\n${block[lang]}`) : block;
    blocks.push(added);
    count(added);
    sinceHeading += 1;
  }
  return joinTexts(blocks, '\n\n');
}

/** Plain ASCII slug: umlauts and ß transliterated, everything else that is not a–z or 0–9 becomes a hyphen. */
function slugify(text: string, maxLength = 70): string {
  const slug = text
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  return slug.slice(0, maxLength).replace(/-[^-]*$/, '');
}

const TYPES: { type: ArticleInput['type']; weight: number }[] = [
  { type: 'article', weight: 0.55 },
  { type: 'press-release', weight: 0.25 },
  { type: 'speech', weight: 0.12 },
  { type: 'interview', weight: 0.08 },
];

function articleType(random: Random): ArticleInput['type'] {
  let roll = random.next();
  for (const { type, weight } of TYPES) {
    roll -= weight;
    if (roll < 0) return type;
  }
  return 'article';
}

// ---------------------------------------------------------------------------
// The archive

export type ArchiveImage = DemoImage;

/** A handful of images the archive's articles share. */
export function archiveImages(seed: number): ArchiveImage[] {
  const random = createRandom(seed ^ 0x1a6e);
  const motifs: DemoImage['motif'][] = ['circles', 'stripes', 'waves', 'grid'];
  return Array.from({ length: 6 }, (_, index) => ({
    id: `archive-image-${index + 1}`,
    width: 640,
    height: index % 3 === 2 ? 427 : 360,
    hue: random.int(0, 359),
    motif: random.pick(motifs),
  }));
}

const TEN_YEARS_MS = 10 * 365.25 * 24 * 60 * 60 * 1_000;
const DAY_MS = 24 * 60 * 60 * 1_000;

export type ArchiveOptions = {
  count: number;
  seed: number;
  /** The newest possible publication time; articles spread over the ten years before it. Default: the start of today (UTC). */
  until?: Date;
};

function startOfTodayUtc(): Date {
  return new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
}

/**
 * The archive's articles as editors would submit them, oldest first: pure,
 * so tests can look at the text without a database.
 */
export function buildArchiveArticles({ count, seed, until = startOfTodayUtc() }: ArchiveOptions): ArticleInput[] {
  const random = createRandom(seed);
  const images = archiveImages(seed);
  const times = Array.from({ length: count }, () => until.getTime() - Math.floor(random.next() * TEN_YEARS_MS / 60_000) * 60_000 - 60_000);
  times.sort((a, b) => a - b);
  const suffix = seed.toString(36);

  return times.map((time, index) => {
    const publishedAt = new Date(time);
    const c = scene(random, publishedAt.getUTCFullYear());
    const type = articleType(random);
    const title = random.pick(TITLES[type])(c);
    const tags = new Set<TagKey>([c.topic.tag]);
    if (random.chance(0.8)) tags.add(c.region.tag);
    const extra = random.int(0, 2);
    for (let i = 0; i < extra; i += 1) tags.add(random.pick(TAG_KEYS));
    const image = random.chance(0.85) ? random.pick(images) : null;
    const slug = (lang: Lang) => `${slugify(title[lang])}-${suffix}-${index.toString(36)}`;
    const text = { lead: lead(random, c), body: body(random, c) };
    const input = {
      type,
      status: 'published' as const,
      publishedAt: publishedAt.toISOString(),
      tags: [...tags],
      ...(image
        ? {
            image: {
              mediaId: image.id,
              alt: { de: `Symbolbild zum Thema ${c.topic.de}`, en: `Illustration on ${c.topic.en}` },
              ...(random.chance(0.5) ? { caption: { de: `Gespräche in ${c.place.de}`, en: `Talks in ${c.place.en}` } } : {}),
              credit: '© Bildarchiv des Portals',
            },
          }
        : {}),
      translations: Object.fromEntries(
        LANGS.map((lang) => [lang, { title: title[lang], slug: slug(lang), lead: text.lead[lang], body: text.body[lang] }]),
      ),
    };
    // The same validation the API and the importer apply: the archive is content an editor could have written.
    return parseOrThrow(articleInput, input);
  });
}

/**
 * Search queries a reader of the archive might type, from its vocabulary:
 * topics, places, made-up names (rare), and multi-word phrases.
 */
export function sampleSearchQueries(locale: Lang, count: number, seed: number): string[] {
  const random = createRandom(seed);
  const makers: (() => string)[] = [
    () => random.pickSkewed(TOPICS)[locale],
    () => random.pick(PLACES)[locale],
    () => random.pick(COUNTRIES).name[locale],
    () => random.pick(PROVINCE_NAMES),
    () => random.pick(SURNAMES),
    () => `${random.pick(TOPICS)[locale]} ${random.pick(COUNTRIES).name[locale]}`,
    () => random.pick(TAG_KEYS.map((key) => TAGS[key][locale])),
  ];
  return Array.from({ length: count }, () => random.pick(makers)());
}

export type GeneratedArchive = { articleIds: number[]; tagKeys: string[]; mediaIds: string[]; milliseconds: number };

/** Articles per transaction: big enough to save round trips and commits, small enough to keep a transaction short. */
const BATCH_SIZE = 200;
const AUTHOR = 'generator';

type Tx = Prisma.TransactionClient;

const TRANSACTION = { timeout: 180_000, maxWait: 120_000 };

/**
 * The pool's 5 s statement timeout is meant for readers' requests; a batch
 * statement (or the GIN index merging its pending list on an insert) on a
 * busy machine may need longer. Lasts until the end of the transaction.
 */
async function allowLongStatements(tx: Tx): Promise<void> {
  await tx.$executeRaw`SET LOCAL statement_timeout = '120s'`;
}

/** The editors' write path, one article at a time. */
async function writeBatchOneByOne(tx: Tx, batch: ArticleInput[]): Promise<number[]> {
  await allowLongStatements(tx);
  const ids: number[] = [];
  for (const article of batch) ids.push((await createArticleInTransaction(tx, article, { author: AUTHOR })).id);
  return ids;
}

/*
 * The bulk path. createArticleInTransaction needs about a dozen statements
 * per article, and PostgreSQL computes each search vector twice (on insert,
 * and again when refreshTagText sets tag_text), which takes minutes for a
 * benchmark archive. Here one statement writes each table for a whole batch,
 * tag_text is written with the insert (so each vector is computed once), and
 * two batches run side by side (the vectors are CPU-bound in PostgreSQL),
 * several times faster (figures: bench/causes.md, "Archive generator").
 * The rows are the same as the write path's, which the generator test
 * checks table by table:
 * - ids are taken from the article sequence up front, in article order, as one-by-one inserts would take them;
 * - article: type, status, publishedAt, image, updatedAt = publishedAt and
 *   announcedAt = now for a visible article, as createArticleInTransaction sets them;
 * - translation: body from markdownToBody, bodyMarkdown as submitted, image alt and caption,
 *   tag_text as refreshTagText builds it (the tag names in this language, in tag order, space-separated);
 * - a slug's old redirect is removed, as for any new article;
 * - revisions from readArticleState itself (what the write path keeps as a snapshot).
 * What it leaves out is checkReferences: the tags and images are the generator's own, and
 * slugs carry the seed (a clash still fails, on the unique index instead of with a ContentError).
 */
type ArchiveTag = { id: number; names: Record<Lang, string> };

async function writeBatchInBulk(tx: Tx, rows: { id: number; input: ArticleInput }[], tags: Map<string, ArchiveTag>): Promise<number[]> {
  await allowLongStatements(tx);
  const now = new Date();
  const ids = rows.map((row) => row.id);
  await tx.article.createMany({
    data: rows.map(({ id, input }) => {
      const publishedAt = input.publishedAt ? new Date(input.publishedAt) : now;
      const visible = input.status === 'published' && publishedAt <= now;
      return {
        id,
        type: articleTypeByName[input.type],
        status: input.status === 'published' ? ('PUBLISHED' as const) : ('DRAFT' as const),
        publishedAt,
        updatedAt: publishedAt,
        announcedAt: visible ? now : null,
        imageId: input.image?.mediaId ?? null,
        imageCredit: input.image?.credit ?? null,
      };
    }),
  });
  const tagOf = (key: string): ArchiveTag => {
    const tag = tags.get(key);
    if (!tag) throw new Error(`unknown tag "${key}"`);
    return tag;
  };
  const translations = rows.flatMap(({ id, input }) =>
    LANGS.flatMap((locale) => {
      const translation = input.translations[locale];
      return translation ? [{ articleId: id, locale, translation, input }] : [];
    }),
  );
  await tx.slugRedirect.deleteMany({ where: { OR: translations.map(({ locale, translation }) => ({ locale, slug: translation.slug })) } });
  await tx.articleTranslation.createMany({
    data: translations.map(({ articleId, locale, translation, input }) => ({
      articleId,
      locale,
      title: translation.title,
      slug: translation.slug,
      lead: translation.lead,
      body: markdownToBody(translation.body),
      bodyMarkdown: translation.body,
      imageAlt: input.image?.alt[locale] ?? null,
      imageCaption: input.image?.caption?.[locale] ?? null,
      tagText: input.tags.map((key) => tagOf(key).names[locale]).join(' '),
    })),
  });
  await tx.articleTag.createMany({
    data: rows.flatMap(({ id, input }) => input.tags.map((key, position) => ({ articleId: id, tagId: tagOf(key).id, position }))),
  });
  const revisions = [];
  for (const id of ids) {
    const snapshot = await readArticleState(tx, id);
    if (!snapshot) throw new Error(`article ${id} vanished inside its own transaction`);
    revisions.push({ articleId: id, action: 'created', author: AUTHOR, snapshot });
  }
  await tx.articleRevision.createMany({ data: revisions });
  return ids;
}

async function storeImages(prisma: PrismaClient, images: ArchiveImage[]): Promise<void> {
  for (const image of images) {
    const bytes = await renderDemoImage(image);
    await prisma.media.upsert({
      where: { id: image.id },
      create: { id: image.id, mimeType: 'image/jpeg', width: image.width, height: image.height, byteSize: bytes.length },
      update: { width: image.width, height: image.height, byteSize: bytes.length },
    });
    await storeOriginal(prisma, image.id, bytes);
  }
}

/** Ids for `count` new articles, in the order one-by-one inserts would have taken them. */
async function allocateArticleIds(prisma: PrismaClient, count: number): Promise<number[]> {
  const rows = await prisma.$queryRaw<{ id: number }[]>`
    SELECT nextval(pg_get_serial_sequence('"article"', 'id'))::int AS id FROM generate_series(1, ${count})`;
  return rows.map((row) => row.id).sort((a, b) => a - b);
}

/** Runs `work` on every item, at most `concurrency` at a time. */
async function inParallel<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export type GenerateOptions = ArchiveOptions & {
  /** `bulk` (default) writes a batch per statement; `write-path` goes through createArticleInTransaction article by article. */
  method?: 'bulk' | 'write-path';
};

/** Bulk batches written at once; the client's pool needs this many connections. */
const PARALLEL_BATCHES = 2;

/**
 * Writes `count` published articles (German and English) with their tags and
 * images into the database. Image files go to MEDIA_DIR. Slugs carry the
 * seed, so archives with different seeds can share a database; the same seed
 * twice fails on the slugs.
 */
export async function generateArchive(prisma: PrismaClient, options: GenerateOptions): Promise<GeneratedArchive> {
  const started = performance.now();
  const tags = archiveTags();
  await prisma.$transaction(async (tx) => {
    for (const [key, tag] of Object.entries(tags)) await upsertTagInTransaction(tx, key, tag);
  });
  const images = archiveImages(options.seed);
  await storeImages(prisma, images);
  const articles = buildArchiveArticles(options);
  const batches: ArticleInput[][] = [];
  for (let start = 0; start < articles.length; start += BATCH_SIZE) batches.push(articles.slice(start, start + BATCH_SIZE));

  let articleIds: number[] = [];
  if (options.method === 'write-path') {
    for (const batch of batches) articleIds.push(...(await prisma.$transaction((tx) => writeBatchOneByOne(tx, batch), TRANSACTION)));
  } else {
    const tagRows = await prisma.tag.findMany({
      where: { key: { in: TAG_KEYS } },
      select: { id: true, key: true, translations: { select: { locale: true, name: true } } },
    });
    const archiveTagsByKey = new Map(
      tagRows.map((tag) => {
        const name = (locale: Lang) => tag.translations.find((t) => t.locale === locale)?.name ?? '';
        return [tag.key, { id: tag.id, names: { de: name('de'), en: name('en') } }];
      }),
    );
    articleIds = await allocateArticleIds(prisma, articles.length);
    const rows = articles.map((input, index) => ({ id: articleIds[index] ?? -1, input }));
    const rowBatches: (typeof rows)[] = [];
    for (let start = 0; start < rows.length; start += BATCH_SIZE) rowBatches.push(rows.slice(start, start + BATCH_SIZE));
    await inParallel(rowBatches, PARALLEL_BATCHES, async (batch) => {
      await prisma.$transaction((tx) => writeBatchInBulk(tx, batch, archiveTagsByKey), TRANSACTION);
    });
  }
  return { articleIds, tagKeys: Object.keys(tags), mediaIds: images.map((image) => image.id), milliseconds: performance.now() - started };
}
