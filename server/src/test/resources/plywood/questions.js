#!/usr/bin/env node
// Asks a Druid-compatible server the questions a Turnilo/Pivot user asks, through the real plywood query planner
// and its Druid requester (the packages of package.json next to this file).
//
//   node questions.js <baseUrl> <dataSource> [config JSON]
//
// The config (optional) maps the question's columns to the datasource's and picks the values the filters use:
//   {"columns": {"channel": "language", "countryName": "country", "isRobot": "robot"},
//    "values": {"channel": "en", "countries": ["United States", "France"], "pageContains": "talk",
//               "userRegex": "^[A-M]", "addedAtLeast": 100, "havingAddedOver": 20000},
//    "timeZone": "America/Los_Angeles", "questionTimeoutMs": 60000}
// Defaults fit PlywoodEndToEndTest's datasource (channel, page, user, countryName, isRobot; metrics added, deleted).
//
// Prints one JSON line per question:
//   {"name": ..., "plywood": <plywood's result as plain JSON, or null>, "druidQueries": [<native queries sent>],
//    "error": <message or null>}
// The first line ("introspect") carries the datasource's attributes as plywood sees them; the second ("timeRange")
// the data's min/max time and, in "interval", the whole UTC days the later questions filter on ("middle": the
// day boundary that halves them, or the instant, for previousPeriod). Exits 0 when every
// question printed a line (answered or not), 1 when it could not start, 2 on the overall timeout.
'use strict';

const [, , baseUrl, dataSource, configJson] = process.argv;
if (!baseUrl || !dataSource) {
  console.error('usage: node questions.js <baseUrl> <dataSource> [config JSON]');
  process.exit(1);
}

let config;
try {
  config = configJson ? JSON.parse(configJson) : {};
} catch (e) {
  console.error('config is not JSON: ' + e.message);
  process.exit(1);
}
const questionTimeoutMs = config.questionTimeoutMs || 60000;
const totalTimeoutMs = config.totalTimeoutMs || 10 * 60000;

// An overall watchdog, in case something in plywood never settles; unref'd so it never keeps node alive.
setTimeout(() => {
  console.log(JSON.stringify({ name: 'watchdog', plywood: null, druidQueries: [],
    error: 'questions.js did not finish within ' + totalTimeoutMs + ' ms' }));
  process.exit(2);
}, totalTimeoutMs).unref();

process.on('unhandledRejection', (e) => {
  console.error('unhandled rejection: ' + (e && e.stack ? e.stack : e));
});

let plywood;
let druidRequesterFactory;
try {
  plywood = require('plywood');
  druidRequesterFactory = require('plywood-druid-requester').druidRequesterFactory;
} catch (e) {
  console.error('cannot load plywood (npm install next to package.json, or set NODE_PATH): ' + e.message);
  process.exit(1);
}
const { External, $, ply, r, TimeRange } = plywood;

const columns = Object.assign({
  channel: 'channel', page: 'page', user: 'user', countryName: 'countryName', isRobot: 'isRobot',
  added: 'added', deleted: 'deleted',
}, config.columns || {});
const values = Object.assign({
  channel: '#en.wikipedia', countries: ['United States', 'France'], pageContains: 'talk', userRegex: '^[A-M]',
  addedAtLeast: 100, havingAddedOver: 20000,
}, config.values || {});
const timeZone = config.timeZone || 'America/Los_Angeles';
const c = (name) => $(columns[name]);
// Values go in as literals, r(...): a bare string would be parsed as a plywood expression ('#en.wikipedia' fails).

const url = new URL(baseUrl);
const baseRequester = druidRequesterFactory({
  host: url.hostname + ':' + (url.port || (url.protocol === 'https:' ? 443 : 80)),
  protocol: url.protocol === 'https:' ? 'tls' : 'plain',
  timeout: questionTimeoutMs,
});

// Every native query plywood sends goes through here: recorded, then sent.
let captured = [];
function requester(request) {
  captured.push(JSON.parse(JSON.stringify(request.query)));
  return baseRequester(request);
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(what + ' timed out after ' + ms + ' ms')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function plain(value) {
  // Dataset.toJS() holds Dates, TimeRanges as {start, end} of Dates, Sets; a JSON round trip makes them plain.
  return JSON.parse(JSON.stringify(value && typeof value.toJS === 'function' ? value.toJS() : value));
}

function print(name, result, error) {
  const line = { name, plywood: result === undefined ? null : result, druidQueries: captured, error };
  console.log(JSON.stringify(line));
  captured = [];
}

function message(e) {
  if (!e) return 'unknown error';
  let m = e.message || String(e);
  if (e.query && e.query.queryType) m += ' [in ' + e.query.queryType + ' query]';
  return m;
}

async function main() {
  let external;
  try {
    external = await withTimeout(
      External.fromJS({ engine: 'druid', source: dataSource, timeAttribute: 'time' }, requester).introspect(),
      questionTimeoutMs, 'introspect');
    print('introspect', plain(external.toJS().attributes), null);
  } catch (e) {
    print('introspect', null, message(e));
    return 1;
  }

  // The data's time range, as Turnilo asks it first (maxTime); the questions filter on the whole UTC days it spans.
  let interval;
  try {
    const r = await withTimeout(ply()
      .apply('MinTime', $('main').min('$time'))
      .apply('MaxTime', $('main').max('$time'))
      .compute({ main: external }), questionTimeoutMs, 'timeRange');
    const datum = r.data[0];
    const day = 24 * 3600 * 1000;
    const start = new Date(Math.floor(new Date(datum.MinTime).getTime() / day) * day);
    const end = new Date((Math.floor(new Date(datum.MaxTime).getTime() / day) + 1) * day);
    const days = Math.round((end.getTime() - start.getTime()) / day);
    const middle = new Date(days >= 2 ? start.getTime() + Math.floor(days / 2) * day
      : start.getTime() + (end.getTime() - start.getTime()) / 2);
    interval = { start: start.toISOString(), middle: middle.toISOString(), end: end.toISOString() };
    const out = plain(r);
    out.interval = interval;
    print('timeRange', out, null);
  } catch (e) {
    print('timeRange', null, message(e));
    return 1;
  }

  const main = $('main').filter($('time').in(TimeRange.fromJS({
    start: new Date(interval.start), end: new Date(interval.end),
  })));
  const base = () => ply().apply('main', main);
  const sumAdded = () => $('main').sum(c('added'));

  const questions = [
    // Totals (timeseries, granularity all).
    ['totals', () => base()
      .apply('Count', $('main').count())
      .apply('Added', sumAdded())
      .apply('Deleted', $('main').sum(c('deleted')))],
    // Top channels by edits added (topN).
    ['topChannelsByAdded', () => base()
      .apply('Channels', $('main').split(c('channel'), 'Channel')
        .apply('Count', $('main').count())
        .apply('Added', sumAdded())
        .sort('$Added', 'descending').limit(5))],
    // Countries sorted by name (topN on the dimension's own order).
    ['countriesAlphabetical', () => base()
      .apply('Countries', $('main').split(c('countryName'), 'Country')
        .apply('Count', $('main').count())
        .sort('$Country', 'ascending').limit(4))],
    // Two dimensions (groupBy with a limit spec).
    ['channelByRobot', () => base()
      .apply('Splits', $('main').split({ Channel: c('channel'), Robot: c('isRobot') })
        .apply('Count', $('main').count())
        .apply('Added', sumAdded())
        .sort('$Added', 'descending').limit(10))],
    // Filter: is.
    ['filterChannelIs', () => ply()
      .apply('main', main.filter(c('channel').is(r(values.channel))))
      .apply('Count', $('main').count())
      .apply('Added', sumAdded())],
    // Filter: in, split on the same dimension.
    ['filterCountriesIn', () => ply()
      .apply('main', main.filter(c('countryName').in(r(values.countries))))
      .apply('Countries', $('main').split(c('countryName'), 'Country')
        .apply('Count', $('main').count())
        .apply('Added', sumAdded())
        .sort('$Count', 'descending').limit(10))],
    // Filter: contains, ignoring case (Turnilo's "contains" string filter).
    ['filterPageContains', () => ply()
      .apply('main', main.filter(c('page').contains(r(values.pageContains), 'ignoreCase')))
      .apply('Count', $('main').count())
      .apply('Added', sumAdded())],
    // Filter: regular expression (Turnilo's "regex" string filter).
    ['filterUserRegex', () => ply()
      .apply('main', main.filter(c('user').match(values.userRegex)))
      .apply('Count', $('main').count())
      .apply('Added', sumAdded())],
    // Filter: a numeric range on a metric column (a Turnilo numeric filter).
    ['filterAddedAtLeast', () => ply()
      .apply('main', main.filter(c('added').greaterThanOrEqual(r(values.addedAtLeast))))
      .apply('Count', $('main').count())
      .apply('Added', sumAdded())],
    // Time split by hour, UTC (timeseries PT1H).
    ['byHourUtc', () => base()
      .apply('Hours', $('main').split($('time').timeBucket('PT1H', 'Etc/UTC'), 'Hour')
        .apply('Count', $('main').count())
        .apply('Added', sumAdded())
        .sort('$Hour', 'ascending'))],
    // Time split by day in a time zone west of UTC (timeseries P1D with a time zone).
    ['byDayLosAngeles', () => base()
      .apply('Days', $('main').split($('time').timeBucket('P1D', timeZone), 'Day')
        .apply('Count', $('main').count())
        .apply('Added', sumAdded())
        .sort('$Day', 'ascending'))],
    // Average added per edit (sum / count post-aggregation).
    ['averageAdded', () => base()
      .apply('AvgAdded', $('main').average(c('added')))
      .apply('AddedPerEdit', sumAdded().divide($('main').count()))],
    // A filtered measure next to the unfiltered one, per country (topN with a filtered aggregator).
    ['filteredMeasureByCountry', () => base()
      .apply('Countries', $('main').split(c('countryName'), 'Country')
        .apply('Added', sumAdded())
        .apply('ChannelAdded', $('main').filter(c('channel').is(r(values.channel))).sum(c('added')))
        .sort('$Added', 'descending').limit(5))],
    // An expression split: the first letter of the page (substring extraction).
    ['byPageFirstLetter', () => base()
      .apply('Letters', $('main').split(c('page').substr(0, 1), 'Letter')
        .apply('Count', $('main').count())
        .sort('$Count', 'descending').limit(5))],
    // Time part split: edits by hour of the day in the time zone (timeFormat extraction).
    ['byHourOfDayLosAngeles', () => base()
      .apply('HoursOfDay', $('main').split($('time').timePart('HOUR_OF_DAY', timeZone), 'HourOfDay')
        .apply('Count', $('main').count())
        .sort('$HourOfDay', 'ascending').limit(24))],
    // A nested split, as a Turnilo table: top 3 channels, then each by day (a topN, then a query per channel).
    ['topChannelsThenByDay', () => base()
      .apply('Channels', $('main').split(c('channel'), 'Channel')
        .apply('Added', sumAdded())
        .sort('$Added', 'descending').limit(3)
        .apply('Days', $('main').split($('time').timeBucket('P1D', 'Etc/UTC'), 'Day')
          .apply('Added', sumAdded())
          .sort('$Day', 'ascending')))],
    // This period against the previous one (Turnilo's "compare"): the first half of the interval against the second,
    // one query with filtered aggregators on __time intervals.
    ['previousPeriod', () => ply()
      .apply('main', $('main').filter($('time').in(TimeRange.fromJS({ start: new Date(interval.start),
        end: new Date(interval.end) }))))
      .apply('Current', $('main').filter($('time').in(TimeRange.fromJS({ start: new Date(interval.middle),
        end: new Date(interval.end) }))).sum(c('added')))
      .apply('Previous', $('main').filter($('time').in(TimeRange.fromJS({ start: new Date(interval.start),
        end: new Date(interval.middle) }))).sum(c('added')))],
    // A filter on a measure of a split (Turnilo's measure filter): a groupBy with a having spec.
    ['channelsWithAddedOver', () => base()
      .apply('Channels', $('main').split(c('channel'), 'Channel')
        .apply('Added', sumAdded())
        .filter($('Added').greaterThan(r(values.havingAddedOver)))
        .sort('$Added', 'descending').limit(10))],
    // Distinct users: plywood asks Druid for a `cardinality` aggregator on a string column.
    ['countDistinctUsers', () => base()
      .apply('Users', $('main').countDistinct(c('user')))],
    // The 98th percentile of added: plywood asks for an `approxHistogram` aggregator (druid-histogram extension).
    ['quantileAdded', () => base()
      .apply('P98', $('main').quantile(c('added'), 0.98))],
    // Busiest hours: a time split sorted by a measure becomes a topN on __time with a timeFormat extraction whose
    // pattern ends in an unterminated quote ("yyyy-MM-dd'T'HH:mm:ss'Z"), which Joda (so Druid) reads as a literal Z.
    ['topHoursByCount', () => base()
      .apply('Hours', $('main').split($('time').timeBucket('PT1H', 'Etc/UTC'), 'Hour')
        .apply('Count', $('main').count())
        .sort('$Count', 'descending').limit(3))],
  ];

  for (const [name, build] of questions) {
    captured = [];
    try {
      const result = await withTimeout(build().compute({ main: external }), questionTimeoutMs, name);
      print(name, plain(result), null);
    } catch (e) {
      print(name, null, message(e));
    }
  }

  // Distinct users the way Turnilo configures sketches: a custom aggregation building an HLL sketch at query time.
  captured = [];
  try {
    const withSketch = External.fromJS(Object.assign(external.toJS(), {
      customAggregations: {
        uniqueUsers: { aggregation: { type: 'HLLSketchBuild', fieldName: columns.user, lgK: 12, round: true } },
      },
    }), requester);
    const result = await withTimeout(ply()
      .apply('main', main)
      .apply('Users', $('main').customAggregate('uniqueUsers'))
      .apply('Channels', $('main').split(c('channel'), 'Channel')
        .apply('Users', $('main').customAggregate('uniqueUsers'))
        .sort('$Users', 'descending').limit(3))
      .compute({ main: withSketch }), questionTimeoutMs, 'distinctUsersHllSketch');
    print('distinctUsersHllSketch', plain(result), null);
  } catch (e) {
    print('distinctUsersHllSketch', null, message(e));
  }
  return 0;
}

main().then((code) => process.exit(code), (e) => {
  console.log(JSON.stringify({ name: 'crash', plywood: null, druidQueries: captured, error: message(e) }));
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
