#!/usr/bin/env python3
"""Build a synthetic corpus of English historical prose about 1900-1991.

The text is generated from sentence templates and fragments written for this
benchmark, filled with real 20th-century people (read from
rules/people-*.xml, topped up from a built-in list), places, numbers and
dates written in many English forms.  It is meant to look like the prose
chronolint checks -- biographies, narrative history, essays -- and to be
varied enough that no tool can win by caching a repeated paragraph.

Mostly plausible: events are placed within a person's lifetime and ages are
computed from the birth date, but places, meetings and quotations are
invented, and a small fraction of ages and life spans are deliberately wrong
(--error-rate) so that a checker has something to report.

The output is deterministic for a given --seed, --mb, option set and set of
people (the rules files are part of the input).

Usage:
    python3 bench/make_corpus.py --mb 20 --seed 1 --out corpus.txt \\
        --split-dir parts --files 200

Python 3 standard library only.
"""

import argparse
import datetime
import glob
import os
import re
import sys
import time
import unicodedata
import xml.etree.ElementTree as ET

import random

# --------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------

# name | surname | sex | born | died (empty: alive in 1991 or later) | aliases;...
# Dates are Gregorian.  Used when the rules directory has fewer people than
# --min-people; people found in the rules files take precedence.
BUILTIN_PEOPLE = """\
Vladimir Lenin|Lenin|m|1870-04-22|1924-01-21|Vladimir Ilyich Lenin;Ulyanov
Leon Trotsky|Trotsky|m|1879-11-07|1940-08-21|Lev Trotsky;Lev Davidovich Bronstein
Joseph Stalin|Stalin|m|1878-12-18|1953-03-05|Iosif Stalin;Josef Stalin
Nikolai Bukharin|Bukharin|m|1888-10-09|1938-03-15|Nikolai Ivanovich Bukharin
Grigory Zinoviev|Zinoviev|m|1883-09-23|1936-08-25|
Lev Kamenev|Kamenev|m|1883-07-18|1936-08-25|
Vyacheslav Molotov|Molotov|m|1890-03-09|1986-11-08|
Nikita Khrushchev|Khrushchev|m|1894-04-15|1971-09-11|Nikita Sergeyevich Khrushchev
Leonid Brezhnev|Brezhnev|m|1906-12-19|1982-11-10|
Yuri Andropov|Andropov|m|1914-06-15|1984-02-09|
Konstantin Chernenko|Chernenko|m|1911-09-24|1985-03-10|
Mikhail Gorbachev|Gorbachev|m|1931-03-02|2022-08-30|
Boris Yeltsin|Yeltsin|m|1931-02-01|2007-04-23|
Lavrentiy Beria|Beria|m|1899-03-29|1953-12-23|Lavrenti Beria
Georgy Zhukov|Zhukov|m|1896-12-01|1974-06-18|Georgi Zhukov
Alexander Kerensky|Kerensky|m|1881-05-04|1970-06-11|
Felix Dzerzhinsky|Dzerzhinsky|m|1877-09-11|1926-07-20|
Andrei Sakharov|Sakharov|m|1921-05-21|1989-12-14|
Yuri Gagarin|Gagarin|m|1934-03-09|1968-03-27|
Sergei Korolev|Korolev|m|1907-01-12|1966-01-14|
Winston Churchill|Churchill|m|1874-11-30|1965-01-24|Sir Winston Churchill
Clement Attlee|Attlee|m|1883-01-03|1967-10-08|
Neville Chamberlain|Chamberlain|m|1869-03-18|1940-11-09|
David Lloyd George|Lloyd George|m|1863-01-17|1945-03-26|
Stanley Baldwin|Baldwin|m|1867-08-03|1947-12-14|
Ramsay MacDonald|MacDonald|m|1866-10-12|1937-11-09|
Anthony Eden|Eden|m|1897-06-12|1977-01-14|
Harold Macmillan|Macmillan|m|1894-02-10|1986-12-29|
Harold Wilson|Wilson|m|1916-03-11|1995-05-24|
Edward Heath|Heath|m|1916-07-09|2005-07-17|
Margaret Thatcher|Thatcher|f|1925-10-13|2013-04-08|
Franklin D. Roosevelt|Roosevelt|m|1882-01-30|1945-04-12|Franklin Delano Roosevelt;FDR
Theodore Roosevelt|Roosevelt|m|1858-10-27|1919-01-06|
Eleanor Roosevelt|Roosevelt|f|1884-10-11|1962-11-07|
Woodrow Wilson|Wilson|m|1856-12-28|1924-02-03|
Warren G. Harding|Harding|m|1865-11-02|1923-08-02|
Calvin Coolidge|Coolidge|m|1872-07-04|1933-01-05|
Herbert Hoover|Hoover|m|1874-08-10|1964-10-20|
Harry S. Truman|Truman|m|1884-05-08|1972-12-26|Harry Truman
Dwight D. Eisenhower|Eisenhower|m|1890-10-14|1969-03-28|Dwight Eisenhower
John F. Kennedy|Kennedy|m|1917-05-29|1963-11-22|John Fitzgerald Kennedy
Lyndon B. Johnson|Johnson|m|1908-08-27|1973-01-22|Lyndon Johnson
Richard Nixon|Nixon|m|1913-01-09|1994-04-22|
Gerald Ford|Ford|m|1913-07-14|2006-12-26|
Jimmy Carter|Carter|m|1924-10-01|2024-12-29|
Ronald Reagan|Reagan|m|1911-02-06|2004-06-05|
George C. Marshall|Marshall|m|1880-12-31|1959-10-16|George Marshall
Douglas MacArthur|MacArthur|m|1880-01-26|1964-04-05|
George S. Patton|Patton|m|1885-11-11|1945-12-21|
Henry Kissinger|Kissinger|m|1923-05-27|2023-11-29|
Joseph McCarthy|McCarthy|m|1908-11-14|1957-05-02|
J. Edgar Hoover|Hoover|m|1895-01-01|1972-05-02|
Martin Luther King Jr.|King|m|1929-01-15|1968-04-04|Martin Luther King
Rosa Parks|Parks|f|1913-02-04|2005-10-24|
Charles de Gaulle|de Gaulle|m|1890-11-22|1970-11-09|
Georges Clemenceau|Clemenceau|m|1841-09-28|1929-11-24|
Philippe Petain|Petain|m|1856-04-24|1951-07-23|Philippe Pétain
Leon Blum|Blum|m|1872-04-09|1950-03-30|Léon Blum
Francois Mitterrand|Mitterrand|m|1916-10-26|1996-01-08|François Mitterrand
Adolf Hitler|Hitler|m|1889-04-20|1945-04-30|
Benito Mussolini|Mussolini|m|1883-07-29|1945-04-28|
Francisco Franco|Franco|m|1892-12-04|1975-11-20|
Konrad Adenauer|Adenauer|m|1876-01-05|1967-04-19|
Willy Brandt|Brandt|m|1913-12-18|1992-10-08|
Helmut Kohl|Kohl|m|1930-04-03|2017-06-16|
Erich Honecker|Honecker|m|1912-08-25|1994-05-29|
Walter Ulbricht|Ulbricht|m|1893-06-30|1973-08-01|
Paul von Hindenburg|Hindenburg|m|1847-10-02|1934-08-02|
Gustav Stresemann|Stresemann|m|1878-05-10|1929-10-03|
Rosa Luxemburg|Luxemburg|f|1871-03-05|1919-01-15|
Karl Liebknecht|Liebknecht|m|1871-08-13|1919-01-15|
Heinrich Himmler|Himmler|m|1900-10-07|1945-05-23|
Hermann Goering|Goering|m|1893-01-12|1946-10-15|Hermann Göring
Joseph Goebbels|Goebbels|m|1897-10-29|1945-05-01|
Erwin Rommel|Rommel|m|1891-11-15|1944-10-14|
Bernard Montgomery|Montgomery|m|1887-11-17|1976-03-24|
Mao Zedong|Mao|m|1893-12-26|1976-09-09|Mao Tse-tung
Zhou Enlai|Zhou|m|1898-03-05|1976-01-08|Chou En-lai
Deng Xiaoping|Deng|m|1904-08-22|1997-02-19|
Chiang Kai-shek|Chiang|m|1887-10-31|1975-04-05|
Sun Yat-sen|Sun|m|1866-11-12|1925-03-12|
Ho Chi Minh|Ho|m|1890-05-19|1969-09-02|
Hirohito|Hirohito|m|1901-04-29|1989-01-07|Emperor Showa
Hideki Tojo|Tojo|m|1884-12-30|1948-12-23|
Mohandas Gandhi|Gandhi|m|1869-10-02|1948-01-30|Mahatma Gandhi
Jawaharlal Nehru|Nehru|m|1889-11-14|1964-05-27|
Indira Gandhi|Gandhi|f|1917-11-19|1984-10-31|
Muhammad Ali Jinnah|Jinnah|m|1876-12-25|1948-09-11|
Gamal Abdel Nasser|Nasser|m|1918-01-15|1970-09-28|
Anwar Sadat|Sadat|m|1918-12-25|1981-10-06|
David Ben-Gurion|Ben-Gurion|m|1886-10-16|1973-12-01|
Golda Meir|Meir|f|1898-05-03|1978-12-08|
Mustafa Kemal Ataturk|Ataturk|m|1881-05-19|1938-11-10|Kemal Atatürk;Mustafa Kemal
Josip Broz Tito|Tito|m|1892-05-07|1980-05-04|
Fidel Castro|Castro|m|1926-08-13|2016-11-25|
Che Guevara|Guevara|m|1928-06-14|1967-10-09|Ernesto Guevara
Nelson Mandela|Mandela|m|1918-07-18|2013-12-05|
Kwame Nkrumah|Nkrumah|m|1909-09-21|1972-04-27|
Patrice Lumumba|Lumumba|m|1925-07-02|1961-01-17|
Haile Selassie|Selassie|m|1892-07-23|1975-08-27|
Wladyslaw Gomulka|Gomulka|m|1905-02-06|1982-09-01|Władysław Gomułka
Lech Walesa|Walesa|m|1943-09-29||Lech Wałęsa
Imre Nagy|Nagy|m|1896-06-07|1958-06-16|
Alexander Dubcek|Dubcek|m|1921-11-27|1992-11-07|Alexander Dubček
Vaclav Havel|Havel|m|1936-10-05|2011-12-18|Václav Havel
Nicolae Ceausescu|Ceausescu|m|1918-01-26|1989-12-25|Nicolae Ceaușescu
Jozef Pilsudski|Pilsudski|m|1867-12-05|1935-05-12|Józef Piłsudski
Tomas Masaryk|Masaryk|m|1850-03-07|1937-09-14|Tomáš Masaryk
Eamon de Valera|de Valera|m|1882-10-14|1975-08-29|
Michael Collins|Collins|m|1890-10-16|1922-08-22|
Dag Hammarskjold|Hammarskjold|m|1905-07-29|1961-09-18|Dag Hammarskjöld
Albert Einstein|Einstein|m|1879-03-14|1955-04-18|
Marie Curie|Curie|f|1867-11-07|1934-07-04|Maria Sklodowska
Niels Bohr|Bohr|m|1885-10-07|1962-11-18|
Max Planck|Planck|m|1858-04-23|1947-10-04|
Werner Heisenberg|Heisenberg|m|1901-12-05|1976-02-01|
Enrico Fermi|Fermi|m|1901-09-29|1954-11-28|
J. Robert Oppenheimer|Oppenheimer|m|1904-04-22|1967-02-18|Robert Oppenheimer
Alan Turing|Turing|m|1912-06-23|1954-06-07|
John von Neumann|von Neumann|m|1903-12-28|1957-02-08|
Sigmund Freud|Freud|m|1856-05-06|1939-09-23|
Carl Jung|Jung|m|1875-07-26|1961-06-06|
Alexander Fleming|Fleming|m|1881-08-06|1955-03-11|
Wernher von Braun|von Braun|m|1912-03-23|1977-06-16|
Neil Armstrong|Armstrong|m|1930-08-05|2012-08-25|
Amelia Earhart|Earhart|f|1897-07-24|1937-07-02|
Charles Lindbergh|Lindbergh|m|1902-02-04|1974-08-26|
Henry Ford|Ford|m|1863-07-30|1947-04-07|
Thomas Edison|Edison|m|1847-02-11|1931-10-18|
Orville Wright|Wright|m|1871-08-19|1948-01-30|
Pablo Picasso|Picasso|m|1881-10-25|1973-04-08|
Salvador Dali|Dali|m|1904-05-11|1989-01-23|Salvador Dalí
Frida Kahlo|Kahlo|f|1907-07-06|1954-07-13|
Igor Stravinsky|Stravinsky|m|1882-06-17|1971-04-06|
Dmitri Shostakovich|Shostakovich|m|1906-09-25|1975-08-09|
Sergei Prokofiev|Prokofiev|m|1891-04-23|1953-03-05|
Sergei Eisenstein|Eisenstein|m|1898-01-22|1948-02-11|
Charlie Chaplin|Chaplin|m|1889-04-16|1977-12-25|Charles Chaplin
Boris Pasternak|Pasternak|m|1890-02-10|1960-05-30|
Anna Akhmatova|Akhmatova|f|1889-06-23|1966-03-05|
Aleksandr Solzhenitsyn|Solzhenitsyn|m|1918-12-11|2008-08-03|Alexander Solzhenitsyn
Maxim Gorky|Gorky|m|1868-03-28|1936-06-18|Maksim Gorky
Vladimir Mayakovsky|Mayakovsky|m|1893-07-19|1930-04-14|
Osip Mandelstam|Mandelstam|m|1891-01-14|1938-12-27|
Mikhail Bulgakov|Bulgakov|m|1891-05-15|1940-03-10|
George Orwell|Orwell|m|1903-06-25|1950-01-21|Eric Blair
Virginia Woolf|Woolf|f|1882-01-25|1941-03-28|
James Joyce|Joyce|m|1882-02-02|1941-01-13|
Ernest Hemingway|Hemingway|m|1899-07-21|1961-07-02|
F. Scott Fitzgerald|Fitzgerald|m|1896-09-24|1940-12-21|Scott Fitzgerald
Franz Kafka|Kafka|m|1883-07-03|1924-06-03|
Thomas Mann|Mann|m|1875-06-06|1955-08-12|
Bertolt Brecht|Brecht|m|1898-02-10|1956-08-14|
Jean-Paul Sartre|Sartre|m|1905-06-21|1980-04-15|
Simone de Beauvoir|de Beauvoir|f|1908-01-09|1986-04-14|
Albert Camus|Camus|m|1913-11-07|1960-01-04|
John Maynard Keynes|Keynes|m|1883-06-05|1946-04-21|
Bertrand Russell|Russell|m|1872-05-18|1970-02-02|
Ludwig Wittgenstein|Wittgenstein|m|1889-04-26|1951-04-29|
Elvis Presley|Presley|m|1935-01-08|1977-08-16|
John Lennon|Lennon|m|1940-10-09|1980-12-08|
Marilyn Monroe|Monroe|f|1926-06-01|1962-08-04|
Louis Armstrong|Armstrong|m|1901-08-04|1971-07-06|
Edith Piaf|Piaf|f|1915-12-19|1963-10-10|
Jesse Owens|Owens|m|1913-09-12|1980-03-31|
"""


class Person(object):
    __slots__ = ("name", "surname", "sex", "born", "born_prec", "died",
                 "died_prec", "aliases", "first", "last", "pron", "poss",
                 "obj")

    def __init__(self, name, surname, sex, born, born_prec, died, died_prec,
                 aliases):
        self.name = name
        self.surname = surname
        self.sex = sex
        self.born = born
        self.born_prec = born_prec
        self.died = died
        self.died_prec = died_prec
        self.aliases = aliases
        # Adult life inside the period covered by the corpus.
        self.first = datetime.date(max(1900, born.year + 18), 1, 1)
        end = datetime.date(1991, 12, 31)
        self.last = min(died, end) if died else end
        if sex == "m":
            self.pron, self.poss, self.obj = "he", "his", "him"
        elif sex == "f":
            self.pron, self.poss, self.obj = "she", "her", "her"
        else:  # unknown: repeat the surname rather than guess
            self.pron, self.poss, self.obj = (surname, surname + "'s",
                                              surname)


def parse_iso(text):
    """'1888', '1888-10' or '1888-10-09' -> (date, precision) or None."""
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", (text or "").strip())
    if not m:
        return None
    y = int(m.group(1))
    if m.group(3):
        return datetime.date(y, int(m.group(2)), int(m.group(3))), "day"
    if m.group(2):
        return datetime.date(y, int(m.group(2)), 15), "month"
    return datetime.date(y, 7, 1), "year"


def builtin_people():
    out = []
    for line in BUILTIN_PEOPLE.splitlines():
        if not line.strip():
            continue
        name, surname, sex, born, died, aliases = line.split("|")
        b = parse_iso(born)
        d = parse_iso(died) if died else None
        out.append(Person(name, surname, sex, b[0], b[1],
                          d[0] if d else None, d[1] if d else None,
                          [a for a in aliases.split(";") if a]))
    return out


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def rules_people(rules_dir):
    """Read <person> entries from rules_dir/people-*.xml (any namespace)."""
    out = []
    if not rules_dir or not os.path.isdir(rules_dir):
        return out
    for path in sorted(glob.glob(os.path.join(rules_dir, "people-*.xml"))):
        try:
            root = ET.parse(path).getroot()
        except (ET.ParseError, OSError) as e:
            print("make_corpus: skipping %s: %s" % (path, e), file=sys.stderr)
            continue
        for el in root.iter():
            if _local(el.tag) != "person":
                continue
            name = surname = None
            aliases = []
            born = died = None
            for ch in el:
                t = _local(ch.tag)
                txt = (ch.text or "").strip()
                if t == "name" and txt:
                    name = txt
                elif t == "surname" and txt and surname is None:
                    surname = txt
                elif t == "alias" and txt:
                    aliases.append(txt)
                elif t == "born":
                    born = parse_iso(ch.get("date"))
                elif t == "died":
                    died = parse_iso(ch.get("date"))
            if not name or not born:
                continue
            if not surname:
                surname = name.split()[-1]
            out.append(Person(name, surname, "?", born[0], born[1],
                              died[0] if died else None,
                              died[1] if died else None, aliases))
    return out


def fold(text):
    """Lower case without diacritics: 'Wałęsa' and 'Walesa' compare equal."""
    text = unicodedata.normalize("NFKD", text.replace("\u0142", "l")
                                 .replace("\u0141", "L"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def load_people(rules_dir, min_people):
    """People from the rules files, topped up from the built-in list.  A
    built-in person is the same as a rules person with the same name, or the
    same surname and birth date, ignoring case and diacritics."""
    builtin = builtin_people()
    by_key = {}
    for p in builtin:
        by_key[fold(p.name)] = p
        by_key[(fold(p.surname), p.born)] = p
    people = []
    seen = set()
    for p in rules_people(rules_dir):
        key = fold(p.name)
        if key in seen:
            continue
        seen.add(key)
        b = by_key.get(key) or by_key.get((fold(p.surname), p.born))
        if b is not None:
            seen.add(fold(b.name))
            Person.__init__(p, p.name, p.surname, b.sex, p.born, p.born_prec,
                            p.died, p.died_prec, p.aliases)
        people.append(p)
    from_rules = len(people)
    if len(people) < min_people:
        for p in builtin:
            if fold(p.name) not in seen:
                seen.add(fold(p.name))
                people.append(p)
    people = [p for p in people if p.first <= p.last]
    return people, from_rules


# --------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
MONTH_ABBR = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.",
              "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday"]
SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven",
         "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
         "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety"]
DECADE_WORDS = {1900: "nineteen-hundreds", 1910: "nineteen-tens",
                1920: "twenties", 1930: "thirties", 1940: "forties",
                1950: "fifties", 1960: "sixties", 1970: "seventies",
                1980: "eighties", 1990: "nineties"}

PLACES = [
    "Moscow", "Leningrad", "Petrograd", "Kiev", "Odessa", "Kharkov",
    "Tiflis", "Baku", "Sverdlovsk", "Novosibirsk", "Vladivostok", "Minsk",
    "Riga", "Tallinn", "Vilnius", "Warsaw", "Krakow", "Gdansk", "Prague",
    "Bratislava", "Vienna", "Budapest", "Bucharest", "Sofia", "Belgrade",
    "Zagreb", "Athens", "Istanbul", "Ankara", "Berlin", "Munich", "Hamburg",
    "Leipzig", "Dresden", "Frankfurt", "Bonn", "Cologne", "Nuremberg",
    "Weimar", "Zurich", "Geneva", "Bern", "Paris", "Lyon", "Marseille",
    "Bordeaux", "Vichy", "Brussels", "Antwerp", "Amsterdam", "The Hague",
    "Rotterdam", "Copenhagen", "Stockholm", "Oslo", "Helsinki", "London",
    "Manchester", "Liverpool", "Glasgow", "Edinburgh", "Dublin", "Belfast",
    "Cardiff", "Madrid", "Barcelona", "Lisbon", "Rome", "Milan", "Turin",
    "Naples", "Trieste", "Washington", "New York", "Chicago", "Boston",
    "Philadelphia", "Detroit", "San Francisco", "Los Angeles", "Montreal",
    "Ottawa", "Toronto", "Havana", "Mexico City", "Buenos Aires",
    "Rio de Janeiro", "Santiago", "Cairo", "Alexandria", "Jerusalem",
    "Tel Aviv", "Baghdad", "Tehran", "Delhi", "Bombay", "Calcutta",
    "Karachi", "Peking", "Shanghai", "Nanking", "Canton", "Hong Kong",
    "Tokyo", "Osaka", "Hanoi", "Saigon", "Singapore", "Batavia", "Manila",
    "Sydney", "Melbourne", "Johannesburg", "Cape Town", "Nairobi", "Accra",
    "Algiers", "Casablanca", "Tunis", "Dakar", "Addis Ababa",
    "Leopoldville",
]
COUNTRIES = [
    "Russia", "the Soviet Union", "Poland", "Germany", "France", "Britain",
    "Italy", "Spain", "Portugal", "Austria", "Hungary", "Czechoslovakia",
    "Romania", "Bulgaria", "Yugoslavia", "Greece", "Turkey", "Sweden",
    "Norway", "Finland", "Denmark", "the Netherlands", "Belgium",
    "Switzerland", "Ireland", "the United States", "Canada", "Mexico",
    "Cuba", "Argentina", "Brazil", "Chile", "Egypt", "Palestine", "Israel",
    "Iraq", "Persia", "Iran", "India", "Pakistan", "China", "Japan",
    "Korea", "Indochina", "Vietnam", "Indonesia", "Australia",
    "South Africa", "Kenya", "Ethiopia", "Algeria", "Morocco", "Ghana",
]
PORTS = ["Southampton", "Liverpool", "Le Havre", "Cherbourg", "Hamburg",
         "Bremen", "Genoa", "Marseille", "Odessa", "New York", "Boston",
         "Bombay", "Shanghai", "Yokohama", "Sydney", "Cape Town",
         "Alexandria", "Lisbon", "Rotterdam", "Danzig"]
ORGS = [
    "the Central Committee", "the Politburo", "the party congress",
    "the Council of People's Commissars", "the Supreme Soviet",
    "the Comintern", "the League of Nations", "the United Nations",
    "the Security Council", "the General Assembly", "the Reichstag",
    "the Bundestag", "the National Assembly", "the Chamber of Deputies",
    "the House of Commons", "the House of Lords", "the Cabinet",
    "the Senate", "the House of Representatives", "the Supreme Court",
    "the Labour Party", "the Conservative Party", "the Liberal Party",
    "the Social Democrats", "the Communist Party", "the trade union council",
    "the Academy of Sciences", "the Royal Society", "the university senate",
    "the war ministry", "the foreign ministry", "the general staff",
    "the Admiralty", "the Red Cross", "the International Labour Office",
    "the Writers' Union", "the editorial board", "the city council",
    "the provisional government", "the peace conference",
    "the executive committee", "the strike committee",
]
AUDIENCES = [
    "a crowded hall", "the assembled delegates", "a meeting of railway "
    "workers", "students at the university", "the party faithful",
    "foreign correspondents", "a small circle of friends",
    "a gathering of veterans", "the officers of the garrison",
    "the press", "the nation by radio", "a hostile audience",
    "the trade union congress", "a rally of several thousand",
    "the members of the academy", "a dinner of industrialists",
]
TOPICS = [
    "the harvest", "grain requisitions", "the peace terms", "reparations",
    "the new constitution", "collectivisation", "the five-year plan",
    "the housing shortage", "the rail strike", "rearmament",
    "the naval estimates", "the gold standard", "unemployment relief",
    "the colonial question", "the refugee problem", "the Polish frontier",
    "the Balkan crisis", "tariff reform", "the price of bread",
    "the atomic programme", "the space programme", "civil rights",
    "the Berlin question", "the Middle East", "disarmament",
    "nuclear testing", "the Marshall Plan", "land reform", "censorship",
    "the electrification of the countryside", "the new currency",
    "trade with the West", "the national debt", "the coal industry",
    "the steel quotas", "the war in the Far East", "the Spanish war",
    "the treatment of prisoners", "the future of the monarchy",
    "the partition plan", "relations with Moscow", "the oil concessions",
]
DOCS = ["the treaty", "the armistice terms", "the draft resolution",
        "a long memorandum", "the joint communique", "a letter of protest",
        "the party programme", "the final report", "the new statutes",
        "the trade agreement", "a formal note", "the minutes of the meeting",
        "an open letter", "the ceasefire agreement", "the budget"]
BUILDINGS = ["the opera house", "the railway station", "the new hospital",
             "the parliament building", "the embassy", "the town hall",
             "the central library", "the power station", "the university",
             "the Hotel Metropole", "the war memorial", "the new bridge",
             "the cathedral", "the stock exchange", "the party headquarters"]
PROJECTS = ["the new canal", "the dam on the river", "the railway line to "
            "{place}", "the metro", "the steelworks at {place}",
            "the new harbour", "the airfield", "the hydroelectric scheme",
            "the motorway to {place}", "the housing estate",
            "the reactor", "the observatory"]
POSITIONS = ["ambassador to {country}", "minister of finance",
             "foreign minister", "minister of war", "chief of staff",
             "editor of the party newspaper", "governor of the central bank",
             "head of the delegation", "secretary of the committee",
             "chairman of the commission", "prime minister",
             "professor of physics", "director of the institute",
             "mayor of {place}", "commander of the northern front",
             "minister of education", "consul in {place}",
             "president of the academy", "general secretary"]
AWARDS = ["the Nobel Prize", "the Order of Lenin", "the Legion of Honour",
          "a knighthood", "the Pulitzer Prize", "an honorary degree",
          "the gold medal of the academy", "the Stalin Prize",
          "the Order of the Red Banner", "the Presidential Medal of Freedom"]
COMMODITIES = ["coal", "steel", "pig iron", "grain", "wheat", "cotton",
               "oil", "electricity", "cement", "timber", "sugar", "tractors",
               "motor cars", "rubber", "copper", "wool"]
GROUPS = ["workers", "soldiers", "sailors", "students", "delegates",
          "refugees", "prisoners", "peasants", "miners", "dockers",
          "veterans", "volunteers", "strikers", "demonstrators", "officers",
          "journalists", "railwaymen"]
TRANSPORT = ["train", "sea", "air", "car", "the night express", "steamer",
             "military aircraft", "sleeper train", "motor launch"]
ADJ = ["tense", "cordial", "stormy", "brief", "inconclusive", "friendly",
       "cold", "decisive", "long", "awkward", "frank", "bitter",
       "surprisingly warm", "formal", "chaotic", "historic"]
CHARACTER = ["stubborn", "cautious", "brilliant", "vain", "tireless",
             "shy", "ruthless", "generous", "impatient", "charming",
             "secretive", "meticulous", "quick-tempered", "principled",
             "ambitious", "gloomy", "witty", "reserved"]
WORKS = ["memoirs", "first novel", "collected essays", "study of "
         "{topic}", "book on {topic}", "pamphlet on {topic}",
         "history of the war", "autobiography", "travel diary",
         "last book", "textbook", "report on {topic}"]
ROLES = ["signatories", "members of the delegation", "survivors",
         "founders", "witnesses", "speakers", "candidates", "judges",
         "negotiators", "guests"]

PREDICATES = [
    "signed {doc} in {place}", "left for {place}", "arrived in {place}",
    "addressed {audience} in {place}", "published a long article on "
    "{topic}", "resigned from {org}", "was elected to {org}",
    "returned to {place}", "wrote to {Q} about {topic}",
    "met {Q} in {place}", "gave evidence before {org}",
    "drafted a memorandum on {topic}", "fell seriously ill",
    "moved with {Pposs} family to {place}", "was expelled from {org}",
    "took charge of {project}", "toured the factories of {place}",
    "broadcast an appeal to the people of {country}",
    "visited {place} for the first time", "spent a week in {place}",
    "opened {building} in {place}", "lost {Pposs} seat in {org}",
    "was arrested in {place}", "was released from prison",
    "was awarded {award}", "refused to sign {doc}",
    "presented {doc} to {org}", "chaired a stormy session of {org}",
    "laid the foundation stone of {building} in {place}",
    "took up a post in {place}", "was sent on a mission to {country}",
    "negotiated with {Q} for {dur_short}", "was received by {Q}",
    "began writing {Pposs} memoirs", "sailed from {port} to {port}",
    "flew to {place}", "crossed the border into {country}",
    "spoke against {topic} in {org}", "was appointed {position}",
    "dined with {Q} at {building}", "gave a lecture on {topic} in {place}",
    "visited the front near {place}", "inspected {project}",
    "lodged a complaint with {org}", "was photographed with {Q} in {place}",
    "sold {Pposs} house in {place}", "married for the second time",
    "travelled by {transport} to {place}", "hid for {dur_short} in {place}",
    "called for an inquiry into {topic}", "finished {Pposs} {work}",
    "dismissed the rumours about {topic}", "took the oath of office",
]
JOINT = ["met in {place}", "exchanged letters about {topic}",
         "quarrelled over {topic}", "shared a platform at {building} in "
         "{place}", "dined together in {place}", "travelled together to "
         "{place}", "were seen together at {building}",
         "negotiated late into the night over {topic}",
         "signed {doc} together"]
QPREDS = ["had just returned from {place}", "was living in {place}",
          "was already one of the best-known figures in {country}",
          "was recovering from an illness in {place}",
          "had been appointed {position} a few months before",
          "was at work on {work_q}", "was still in {place}",
          "had broken with {org}", "was the youngest person in the room",
          "was negotiating with {org} over {topic}"]
RECALLS = ["never raised {Pposs} voice", "smoked incessantly",
           "spoke for hours without notes", "seemed exhausted",
           "was already thinking about {topic}", "trusted nobody",
           "kept a revolver in {Pposs} desk", "laughed at the rumours",
           "knew every figure in the report by heart",
           "had aged ten years in a month", "wept openly",
           "insisted on walking everywhere"]
DIARY = ["the talks were going badly", "{place} was quiet",
         "nobody believed the newspapers", "the weather had turned",
         "{Q} had been unusually friendly", "the trains were running late",
         "{topic} would decide everything", "the money had run out",
         "there was no news from {place}", "the crowds were growing"]
QUOTES = ["We cannot wait any longer for {topic} to settle itself",
          "I have never seen {place} so quiet",
          "The question of {topic} must be decided before the winter",
          "Nobody in {place} understands what is coming",
          "History will not forgive us if we hesitate",
          "I am tired, but the work must go on",
          "There will be no retreat on {topic}",
          "Tell {Q} that I will not sign",
          "The figures speak for themselves",
          "We must be patient and we must be ready",
          "I intend to stay in {place} until the end",
          "The old world is finished"]
HABITUAL = ["wrote almost daily to friends in {place}",
            "kept a small flat in {place}", "worked late into the night",
            "avoided the press", "travelled constantly between {place} and "
            "{place}", "lectured on {topic}", "collected rare books",
            "suffered from insomnia", "walked for an hour every morning",
            "corresponded with {Q}"]
GATHER = ["protest against {topic}", "hear {Pacc} speak",
          "mourn the dead", "celebrate the anniversary",
          "demand higher wages", "welcome the returning delegation",
          "watch the parade", "call for an end to the war"]
DESCS = ["the worst years of {Pposs} life", "a lost decade",
         "a time of hope", "years of waiting", "the happiest period of "
         "{Pposs} career", "a long apprenticeship", "years of exile"]
CASUALTY = ["dead", "wounded", "missing", "arrested", "homeless",
            "evacuated"]
DUR_SHORT = ["three days", "a week", "ten days", "two weeks", "a month",
             "six weeks", "two months", "several days", "a fortnight",
             "four hours", "most of the night", "eleven days"]
DUR_LONG = ["two years", "three years", "eighteen months", "a decade",
            "five years", "most of the decade", "almost a year",
            "four months", "seven years"]

# Dated events: (ISO date, precision, noun phrase, Old Style date or "").
ANCHORS = [
    ("1912-04-15", "day", "the sinking of the Titanic", ""),
    ("1914-06-28", "day", "the assassination in Sarajevo", ""),
    ("1914-08-04", "day", "Britain's declaration of war on Germany", ""),
    ("1916-04-24", "day", "the Easter Rising in Dublin", ""),
    ("1917-03-08", "day", "the first strikes of the February Revolution",
     "1917-02-23"),
    ("1917-11-07", "day", "the Bolshevik seizure of power", "1917-10-25"),
    ("1918-11-11", "day", "the armistice", ""),
    ("1919-06-28", "day", "the signing of the Treaty of Versailles", ""),
    ("1922-10-28", "day", "the March on Rome", ""),
    ("1924-01-21", "day", "Lenin's death", ""),
    ("1926-05-04", "day", "the start of the General Strike", ""),
    ("1927-05-21", "day", "Lindbergh's landing at Le Bourget", ""),
    ("1929-10-29", "day", "the Wall Street Crash", ""),
    ("1933-01-30", "day", "Hitler's appointment as chancellor", ""),
    ("1933-02-27", "day", "the Reichstag fire", ""),
    ("1934-12-01", "day", "the murder of Kirov", ""),
    ("1936-07-17", "day", "the military rising in Spanish Morocco", ""),
    ("1938-03-12", "day", "the Anschluss", ""),
    ("1938-09-30", "day", "the Munich Agreement", ""),
    ("1938-11-09", "day", "the Kristallnacht pogrom", ""),
    ("1939-08-23", "day", "the Molotov-Ribbentrop Pact", ""),
    ("1939-09-01", "day", "the German invasion of Poland", ""),
    ("1940-05-10", "day", "the German offensive in the West", ""),
    ("1941-06-22", "day", "the German invasion of the Soviet Union", ""),
    ("1941-12-07", "day", "the attack on Pearl Harbor", ""),
    ("1943-02-02", "day", "the surrender at Stalingrad", ""),
    ("1944-06-06", "day", "the Normandy landings", ""),
    ("1945-05-08", "day", "the German surrender", ""),
    ("1945-08-06", "day", "the bombing of Hiroshima", ""),
    ("1945-10-24", "day", "the founding of the United Nations", ""),
    ("1947-08-15", "day", "Indian independence", ""),
    ("1948-06-24", "day", "the start of the Berlin blockade", ""),
    ("1949-10-01", "day", "the proclamation of the People's Republic", ""),
    ("1950-06-25", "day", "the outbreak of the Korean War", ""),
    ("1953-03-05", "day", "Stalin's death", ""),
    ("1956-02-25", "day", "Khrushchev's secret speech", ""),
    ("1956-10-23", "day", "the Hungarian uprising", ""),
    ("1957-10-04", "day", "the launch of Sputnik", ""),
    ("1961-04-12", "day", "Gagarin's flight", ""),
    ("1961-08-13", "day", "the sealing of the border in Berlin", ""),
    ("1962-10-22", "day", "Kennedy's broadcast on the missiles in Cuba", ""),
    ("1963-11-22", "day", "the assassination in Dallas", ""),
    ("1968-08-21", "day", "the invasion of Czechoslovakia", ""),
    ("1969-07-20", "day", "the first moon landing", ""),
    ("1973-10-06", "day", "the outbreak of the Yom Kippur War", ""),
    ("1979-12-27", "day", "the Soviet intervention in Afghanistan", ""),
    ("1980-08-31", "day", "the Gdansk agreement", ""),
    ("1986-04-26", "day", "the Chernobyl disaster", ""),
    ("1989-11-09", "day", "the opening of the Berlin Wall", ""),
    ("1991-12-26", "day", "the dissolution of the Soviet Union", ""),
]


def number_words(n):
    if n < 20:
        return SMALL[n]
    if n < 100:
        t, u = divmod(n, 10)
        return TENS[t] + ("-" + SMALL[u] if u else "")
    return str(n)


def ordinal(n):
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return "%d%s" % (n, suf)


def commas(n):
    return "{:,}".format(n)


class Skip(Exception):
    """A template cannot be filled in the current state; pick another."""


FIELD_RE = re.compile(r"\{(\w+)\}")
END_OF_TIME = datetime.date(1991, 12, 31)
START_OF_TIME = datetime.date(1900, 1, 1)


# --------------------------------------------------------------------------
# Templates.  {P} is the paragraph's main person (full name on first
# mention, then surname or pronoun), {Q} another person alive at the time,
# {when} the current date at a random precision, {later} moves the date on.
# --------------------------------------------------------------------------

OPENINGS = [
    "{Pspan} {intro}.",
    "{when}, {P} {pred}.",
    "{when}, {Pn}, {Page}, {pred}.",
    "Few people in {place} had heard of {P} before {year}.",
    "The story of {P} {when} begins in {place}.",
    "By {month_year}, {P} had {pastpart}.",
    "Born {birth_phrase}, {P} was {age_num} {when}.",
    "{P} was {age_num} years old {when}.",
    "{anchor_when}, {P} was in {place}.",
    "When news of {anchor} reached {place}, {P} was {age_num}.",
    "{Pspan} was {Page_at} when {Ppron} {pred}.",
    "In {year}, at the age of {age_num}, {P} {pred}.",
    "{decade_cap} were a difficult time for {P}.",
]
BODY = [
    "{later}, {P} {pred}.",
    "{later}, {P} {pred}.",
    "{P} {pred} {when}.",
    "{when}, {P} and {Q} {joint}.",
    "{Q}, then {Qage_num}, {qpred}.",
    "{Q}, {Qage}, {qpred}.",
    "{Qspan} later recalled that {P} {recall}.",
    "In {Pposs} diary for {date}, {P} noted that {diary}.",
    "{later}, some {num_people} {group} gathered in {place} to {gather}.",
    "According to the census of {census_year}, {place} had {big_number} "
    "inhabitants.",
    "Between {y1} and {y2}, {commodity} output in {country} {rose_fell} by "
    "{pct}.",
    "{P} was {age_num} when {Ppron} {pred}.",
    "At {age_num}, {P} {pred}.",
    "The {age_num}-year-old {Psur} {pred}.",
    "{Pn}, {Page}, {pred} {when}.",
    "{P} spent {dur_short} in {place}, returning {when_or_later}.",
    "It was not until {month_year_fwd} that {P} finally {pred}.",
    "{later}, {P} received a letter from {Q} dated {date}.",
    "Throughout {decade}, {P} {habitual}.",
    "{P} left {place} on {date} and reached {place} {later}.",
    "\"{quote},\" {P} told {audience} {when}.",
    "\"{quote},\" {P} wrote to {Q} on {date}.",
    "{Pposs_cap} {work} appeared in {year} and sold {num_copies} copies "
    "within {dur_long}.",
    "The meeting on {date} lasted {hours} hours.",
    "Of the {num_delegates} delegates who attended {org_event} {when}, "
    "{num_against} voted against the motion.",
    "The {distance_adj} journey from {place} to {place} took {dur_short}.",
    "{P} never returned to {place} after {year}.",
    "{later}, {P} fell ill and spent {dur_short} recovering in {place}.",
    "Newspapers in {place} reported the news {later_tail}.",
    "{P} would later describe {decade} as {desc}.",
    "Reports from {place} {when} put the number of {casualty} at "
    "{num_people}.",
    "By the end of {year}, {P} had {pastpart}.",
    "{Qspan} was among those present.",
    "{P} and {Q} had first met in {place} in {earlier_year}.",
    "On {next_birthday}, {P} turned {birthday_age}.",
    "{Pposs_cap} {birthday_ord} birthday, on {cur_date}, passed almost "
    "unnoticed.",
    "{earlier}, {P} had {pastpart}.",
    "{P} resigned {when}, ending {years_word} years as {position}.",
    "{org_cap} voted {vote} {when}.",
    "Work on {project} began in {month_year} and was completed {later_tail}.",
    "{later}, {P} was appointed {position}.",
    "{P} was arrested in {place} {when} and held for {dur_short}.",
    "The price of {commodity} in {place} doubled between {month_year} and "
    "{month_year_fwd}.",
    "{Q}, who was {Qage_num} at the time, {qpred}.",
    "{P} celebrated {Pposs} {birthday_ord} birthday in {place}.",
    "{Pn}, born {birth_phrase}, was the youngest member of {org} {when}.",
    "A photograph taken {when} shows {Pacc} with {Q} outside {building} in "
    "{place}.",
    "{later}, {P} travelled {distance} to {place} by {transport}.",
    "In a speech to {audience} on {date}, {P} spoke for {hours_word} hours.",
    "{num_cap} people signed the petition that {P} delivered to {org} "
    "{when}.",
    "{P} was one of {num_small} {role} {when}.",
    "The archive in {place} holds {num_letters} letters written by {Pacc} "
    "between {y1} and {y2}.",
    "{Pposs_cap} salary in {year} was {money} a year.",
    "{anchor_cap} changed everything for {Pobj}.",
    "At the time of {anchor}, {P} was {Page_at}.",
    "Contemporaries remembered {Psur} as {character} and {character}.",
    "The conversation with {Q} {when} was {adj}, according to {Pposs} "
    "secretary.",
    "{P} lived in {place} from {y1} to {y2}.",
    "{when}, the {group} of {place} {group_pred}.",
    "{P} spent {range} in {place}.",
    "{later}, {Pn}, {Page}, {pred}.",
    "{Qspan} and {P} were then working in {place}.",
]
CLOSINGS = [
    "{P} died on {death_date}, aged {death_age}.",
    "{P} died {death_when}, at the age of {death_age}.",
    "{Pposs_cap} death on {death_date} came as a shock to {Pposs} "
    "colleagues.",
    "{P} did not live to see {decade_after}; {Ppron} died in {death_year}.",
]
INTROS = ["was already well known in {place} {when}",
          "first came to public attention {when}",
          "spent much of {decade} in {place}",
          "had been living in {place} since {earlier_year}",
          "worked in {place} for {dur_long}",
          "was, {when}, one of the rising figures of {org}"]
PASTPARTS = ["become a familiar figure in {place}", "left {org}",
             "moved to {place}", "published {Pposs} {work}",
             "broken with {Q}", "been elected to {org}",
             "lost most of {Pposs} savings", "finished {Pposs} {work}",
             "spent {dur_long} in {place}", "made enemies in {org}",
             "settled in {place}", "taken over {project}",
             "visited {country} three times", "quarrelled with {Q}"]
GROUP_PREDS = ["went on strike", "marched on the town hall",
               "were evacuated by sea", "held a meeting in {building}",
               "petitioned {org}", "returned to work",
               "built barricades in the main streets",
               "greeted the news in silence"]


class Generator(object):
    def __init__(self, people, seed, error_rate):
        self.rng = random.Random(seed)
        self.people = people
        self.err = error_rate
        # People alive and at least 16 in each year, for {Q}.
        self.by_year = {}
        for y in range(1900, 1992):
            self.by_year[y] = [
                p for p in people
                if p.born.year + 16 <= y and (p.died is None
                                             or p.died.year >= y)]
        self.fields = {}
        for name in dir(self):
            if name.startswith("f_"):
                self.fields[name[2:]] = getattr(self, name)
        self._check_templates()
        self.anchors = []
        for iso, prec, np, os_date in ANCHORS:
            d = parse_iso(iso)[0]
            self.anchors.append((d, np, parse_iso(os_date)[0]
                                 if os_date else None))
        self.sentences = 0

    def _check_templates(self):
        lists = [OPENINGS, BODY, CLOSINGS, INTROS, PASTPARTS, PREDICATES,
                 JOINT, QPREDS, RECALLS, DIARY, QUOTES, HABITUAL, GATHER,
                 DESCS, GROUP_PREDS, PROJECTS, POSITIONS, WORKS]
        for lst in lists:
            for t in lst:
                for f in FIELD_RE.findall(t):
                    if f not in self.fields:
                        raise SystemExit("make_corpus: unknown field {%s} in "
                                         "template %r" % (f, t))

    # ---------------------------------------------------------------- state
    def new_paragraph(self):
        rng = self.rng
        p = rng.choice(self.people)
        span = (p.last - p.first).days
        self.p = p
        self.d = p.first + datetime.timedelta(days=rng.randint(0, span))
        self.limit = p.last
        self.p_mentioned = False
        self.q = None
        self.q_mentioned = False
        self.done = False

    def expand(self, template):
        return FIELD_RE.sub(self._sub, template)

    def _sub(self, m):
        v = self.fields[m.group(1)]()
        if "{" in v:
            v = FIELD_RE.sub(self._sub, v)
        return v

    def sentence(self, templates):
        rng = self.rng
        for _ in range(20):
            t = rng.choice(templates)
            saved = (self.d, self.p_mentioned, self.q, self.q_mentioned)
            try:
                s = self.expand(t)
            except Skip:
                self.d, self.p_mentioned, self.q, self.q_mentioned = saved
                continue
            self.sentences += 1
            return s[0].upper() + s[1:]
        self.sentences += 1
        s = self.expand("{P} {pred}.")
        return s[0].upper() + s[1:]

    def paragraph(self):
        rng = self.rng
        self.new_paragraph()
        n = rng.randint(3, 8)
        out = [self.sentence(OPENINGS)]
        for _ in range(n - 2):
            out.append(self.sentence(BODY))
        p = self.p
        if (p.died and p.died <= END_OF_TIME and rng.random() < 0.25):
            out.append(self.sentence(CLOSINGS))
        else:
            out.append(self.sentence(BODY))
        return " ".join(out)

    # ------------------------------------------------------------- helpers
    def _choice(self, seq):
        return self.rng.choice(seq)

    def _age(self, p, d):
        a = d.year - p.born.year
        if p.born_prec == "day" and (d.month, d.day) < (p.born.month,
                                                         p.born.day):
            a -= 1
        if self.err and self.rng.random() < self.err:
            a += self.rng.choice((-2, -1, 1, 1, 2))
        return a

    def _span(self, p):
        rng = self.rng
        b, d = p.born, p.died
        by, dy = b.year, d.year if d else None
        if self.err and rng.random() < self.err:
            if dy:
                dy += rng.choice((-3, -1, 1, 2))
            else:
                by += rng.choice((-1, 1))
        r = rng.random()
        if dy is None:
            return rng.choice(("(born %d)", "(b. %d)", "(%d\u2013)")) % by
        if r < 0.55:
            return "(%d\u2013%d)" % (by, dy)
        if r < 0.75:
            return "(%d-%d)" % (by, dy)
        if r < 0.85 and p.born_prec == "day" and p.died_prec == "day":
            return "(%d %s %d \u2013 %d %s %d)" % (
                b.day, MONTHS[b.month - 1], by, d.day, MONTHS[d.month - 1],
                dy)
        return "(%d \u2013 %d)" % (by, dy)

    def _ref(self, p, first):
        rng = self.rng
        if first:
            if p.aliases and rng.random() < 0.08:
                return rng.choice(p.aliases)
            return p.name
        r = rng.random()
        if r < 0.55:
            return p.surname
        if r < 0.80 and p.sex != "?":
            return p.pron
        if r < 0.90:
            return p.name
        if p.aliases and rng.random() < 0.5:
            return rng.choice(p.aliases)
        return p.surname

    def _date_day(self, d):
        rng = self.rng
        r = rng.random()
        m = MONTHS[d.month - 1]
        if r < 0.34:
            return "%d %s %d" % (d.day, m, d.year)
        if r < 0.62:
            return "%s %d, %d" % (m, d.day, d.year)
        if r < 0.68:
            return "the %s of %s %d" % (ordinal(d.day), m, d.year)
        if r < 0.73:
            return "%s %s, %d" % (m, ordinal(d.day), d.year)
        if r < 0.79:
            return "%s, %d %s %d" % (WEEKDAYS[d.weekday()], d.day, m, d.year)
        if r < 0.84:
            return "%s, %s %d, %d" % (WEEKDAYS[d.weekday()], m, d.day,
                                      d.year)
        if r < 0.90:
            return "%d %s %d" % (d.day, MONTH_ABBR[d.month - 1], d.year)
        if r < 0.96:
            return "%s %d, %d" % (MONTH_ABBR[d.month - 1], d.day, d.year)
        return d.isoformat()

    def _decade(self, y, cap=False):
        rng = self.rng
        dec = y - y % 10
        r = rng.random()
        if r < 0.5:
            s = "the %ds" % dec
        elif r < 0.8:
            part = y % 10
            part = "early" if part <= 3 else "mid-" if part <= 6 else "late"
            s = ("the %s%ds" if part == "mid-" else "the %s %ds") % (part,
                                                                     dec)
        elif dec >= 1920:
            s = "the " + DECADE_WORDS[dec]
        else:
            s = "the first years of the century" if dec == 1900 \
                else "the %ds" % dec
        return s[0].upper() + s[1:] if cap else s

    def _when(self, d):
        rng = self.rng
        r = rng.random()
        y = d.year
        if r < 0.36:
            return "on " + self._date_day(d)
        if r < 0.58:
            if d.day <= 9 and rng.random() < 0.3:
                return "in early %s %d" % (MONTHS[d.month - 1], y)
            if d.day >= 22 and rng.random() < 0.3:
                return "at the end of %s %d" % (MONTHS[d.month - 1], y)
            return "in %s %d" % (MONTHS[d.month - 1], y)
        if r < 0.66:
            m = d.month
            if m in (12, 1, 2):
                y0 = y if m == 12 else y - 1
                return "in the winter of %d\u2013%02d" % (y0, (y0 + 1) % 100)
            season = ("spring" if m <= 5 else "summer" if m <= 8
                      else "autumn")
            return "in the %s of %d" % (season, y)
        if r < 0.92:
            if d.month <= 3 and rng.random() < 0.3:
                return "early in %d" % y
            if d.month >= 10 and rng.random() < 0.3:
                return "late in %d" % y
            return rng.choice(("in %d", "in %d", "during %d")) % y
        return "in " + self._decade(y)

    def _advance(self, days):
        nd = self.d + datetime.timedelta(days=days)
        if nd > self.limit:
            raise Skip()
        self.d = nd

    def _person_q(self):
        if self.q is None:
            cands = self.by_year.get(self.d.year) or []
            for _ in range(6):
                q = self.rng.choice(cands) if cands else None
                if q is not None and q is not self.p and q.born < self.d:
                    self.q = q
                    self.q_mentioned = False
                    break
            else:
                raise Skip()
        return self.q

    # --------------------------------------------------------------- fields
    def f_P(self):
        s = self._ref(self.p, not self.p_mentioned)
        self.p_mentioned = True
        return s

    def f_Pn(self):
        """A noun reference (never a pronoun), for appositions."""
        if not self.p_mentioned:
            return self.f_P()
        return self.p.surname if self.rng.random() < 0.8 else self.p.name

    def f_Pacc(self):
        """Object position: him/her rather than he/she."""
        s = self._ref(self.p, not self.p_mentioned)
        self.p_mentioned = True
        return self.p.obj if s == self.p.pron else s

    def f_Pspan(self):
        first = not self.p_mentioned
        self.p_mentioned = True
        if first:
            return "%s %s" % (self.p.name, self._span(self.p))
        return self.p.surname

    def f_Psur(self):
        self.p_mentioned = True
        return self.p.surname

    def f_Ppron(self):
        return self.p.pron

    def f_Pposs(self):
        if not self.p_mentioned:
            raise Skip()
        return self.p.poss

    def f_Pposs_cap(self):
        if not self.p_mentioned:
            self.p_mentioned = True
            return self.p.name + "'s"
        s = self.p.poss
        return s[0].upper() + s[1:]

    def f_Pobj(self):
        if not self.p_mentioned:
            self.p_mentioned = True
            return self.p.name
        return self.p.obj

    def f_Page(self):
        a = self._age(self.p, self.d)
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            return "aged %d" % a
        if r < 0.7:
            return "then %d" % a
        if r < 0.8:
            return "aged %s" % number_words(a)
        if r < 0.9:
            return "%d at the time" % a
        return "now %d" % a

    def f_Page_at(self):
        a = self._age(self.p, self.d)
        r = self.rng.random()
        if r < 0.5:
            return "%d" % a
        if r < 0.8:
            return "%s" % number_words(a)
        dec = a - a % 10
        if dec < 20:
            return "%d" % a
        part = a % 10
        part = "early" if part <= 3 else "mid-" if part <= 6 else "late"
        word = TENS[dec // 10] + "ies"
        word = word.replace("tyies", "ties")
        return ("in %s %s%s" if part == "mid-" else "in %s %s %s") % (
            self.p.poss if self.p.sex != "?" else "the", part, word)

    def f_age_num(self):
        a = self._age(self.p, self.d)
        return str(a) if self.rng.random() < 0.7 else number_words(a)

    def f_Q(self):
        q = self._person_q()
        s = self._ref(q, not self.q_mentioned)
        if s == q.pron:  # avoid ambiguous pronouns for the second person
            s = q.surname
        self.q_mentioned = True
        return s

    def f_Qspan(self):
        if self.q is not None and self.q_mentioned:
            self.q = None
        q = self._person_q()
        self.q_mentioned = True
        return "%s %s" % (q.name, self._span(q))

    def f_Qage(self):
        q = self._person_q()
        a = self._age(q, self.d)
        return self.rng.choice(("aged %d", "then %d", "%d at the time")) % a

    def f_Qage_num(self):
        q = self._person_q()
        return str(self._age(q, self.d))

    def f_when(self):
        return self._when(self.d)

    def f_date(self):
        return self._date_day(self.d)

    def f_year(self):
        return str(self.d.year)

    def f_month_year(self):
        d = self.d
        r = self.rng.random()
        if r < 0.75:
            return "%s %d" % (MONTHS[d.month - 1], d.year)
        if r < 0.9:
            return "%s %d" % (MONTH_ABBR[d.month - 1], d.year)
        return "%s of %d" % (MONTHS[d.month - 1], d.year)

    def f_month_year_fwd(self):
        self._advance(self.rng.randint(20, 400))
        return self.f_month_year()

    def f_decade(self):
        return self._decade(self.d.year)

    def f_decade_cap(self):
        return self._decade(self.d.year, cap=True)

    def f_decade_after(self):
        if not self.p.died:
            raise Skip()
        y = self.p.died.year
        return "the %ds" % (y - y % 10 + 10)

    def f_later(self):
        rng = self.rng
        r = rng.random()
        if r < 0.08:
            self._advance(1)
            return rng.choice(("the next day", "the following morning",
                               "the day after", "next day"))
        if r < 0.30:
            n = rng.randint(2, 19)
            self._advance(n)
            w = number_words(n) if rng.random() < 0.7 else str(n)
            return "%s days later" % w
        if r < 0.40:
            n = rng.randint(1, 8)
            self._advance(7 * n)
            if n == 1:
                return rng.choice(("a week later", "the following week"))
            if n == 2 and rng.random() < 0.4:
                return "a fortnight later"
            return "%s weeks later" % number_words(n)
        if r < 0.55:
            n = rng.randint(1, 11)
            self._advance(30 * n + rng.randint(-3, 3))
            if n == 1:
                return rng.choice(("a month later", "the following month"))
            return "%s months later" % (number_words(n)
                                        if rng.random() < 0.8 else str(n))
        if r < 0.68:
            self._advance(rng.randint(300, 420))
            return rng.choice(("the following year", "a year later",
                               "the next year", "within a year"))
        if r < 0.78:
            n = rng.randint(2, 12)
            self._advance(365 * n + rng.randint(-60, 60))
            return "%s years later" % (number_words(n)
                                       if rng.random() < 0.8 else str(n))
        if r < 0.86:
            end = datetime.date(self.d.year, 12, 31)
            left = (min(end, self.limit) - self.d).days
            if left < 10:
                raise Skip()
            self._advance(rng.randint(5, left))
            return rng.choice(("later that year", "later in the year",
                               "before the year was out"))
        if r < 0.94:
            self._advance(rng.randint(2, 200))
            return "on " + self._date_day(self.d)
        self._advance(rng.randint(20, 500))
        return self._when(self.d)

    def f_later_tail(self):
        return self.f_later()

    def f_when_or_later(self):
        if self.rng.random() < 0.5:
            return self.f_later()
        return self._when(self.d)

    def f_earlier(self):
        rng = self.rng
        n = rng.randint(1, 9)
        nd = self.d - datetime.timedelta(days=365 * n + rng.randint(-40, 40))
        if nd < max(START_OF_TIME,
                    datetime.date(self.p.born.year + 12, 1, 1)):
            raise Skip()
        self.d = nd
        if n == 1:
            return rng.choice(("the year before", "a year earlier",
                               "the previous year"))
        return "%s years earlier" % number_words(n)

    def f_earlier_year(self):
        lo = max(1900, self.p.born.year + 14)
        if self.q is not None:
            lo = max(lo, self.q.born.year + 14)
        hi = self.d.year - 1
        if hi < lo:
            raise Skip()
        return str(self.rng.randint(lo, hi))

    def f_birth_phrase(self):
        b = self.p.born
        if self.p.born_prec != "day" or self.rng.random() < 0.5:
            return "in %d" % b.year
        return "on " + self._date_day(b)

    def f_next_birthday(self):
        b = self.p.born
        if self.p.born_prec != "day" or (b.month == 2 and b.day == 29):
            raise Skip()
        nb = b.replace(year=self.d.year)
        if nb < self.d:
            nb = b.replace(year=self.d.year + 1)
        if nb > self.limit:
            raise Skip()
        self.d = nb
        return self._date_day(nb)

    def f_birthday_age(self):
        return str(self._age(self.p, self.d))

    def f_cur_date(self):
        return self._date_day(self.d)

    def f_birthday_ord(self):
        self.f_next_birthday()  # moves the date to the next birthday
        a = self.d.year - self.p.born.year
        if self.err and self.rng.random() < self.err:
            a += 1
        return ordinal(a)

    def f_y1(self):
        lo = max(1900, self.p.born.year + 10, self.d.year - 12)
        y = self.rng.randint(min(lo, self.d.year), self.d.year)
        self._y1 = y
        return str(y)

    def f_y2(self):
        y1 = getattr(self, "_y1", self.d.year)
        hi = min(self.limit.year, y1 + 15)
        return str(self.rng.randint(y1 + 1, max(y1 + 1, hi)))

    def f_range(self):
        rng = self.rng
        y1 = self.d.year
        y2 = min(self.limit.year, y1 + rng.randint(1, 6))
        if y2 <= y1:
            raise Skip()
        self.d = datetime.date(y2, rng.randint(1, 12), rng.randint(1, 28))
        if self.d > self.limit:
            self.d = self.limit
        r = rng.random()
        if r < 0.4:
            return "the years %d\u2013%d" % (y1, y2)
        if r < 0.7:
            return "most of the period from %d to %d" % (y1, y2)
        return "the years between %d and %d" % (y1, y2)

    def f_census_year(self):
        y = self.d.year
        return str(y - y % 10 + 1 if y % 10 else y - 9)

    def f_anchor(self):
        return self._anchor(False, near=True)

    def f_anchor_cap(self):
        s = self._anchor(False, near=True)
        return s[0].upper() + s[1:]

    def f_anchor_when(self):
        return self._anchor(True)

    def _anchor(self, with_date, near=False):
        """A dated event in the person's lifetime (near the current date
        when the paragraph is already under way); moves the date to it."""
        rng = self.rng
        p = self.p
        lo = datetime.date(p.born.year + 10, 1, 1)
        hi = self.limit
        if near:
            lo = max(lo, self.d - datetime.timedelta(days=3 * 365))
            hi = min(hi, self.d + datetime.timedelta(days=8 * 365))
        cands = [a for a in self.anchors if lo <= a[0] <= hi]
        if not cands:
            raise Skip()
        d, np, os_d = rng.choice(cands)
        self.d = d
        if not with_date:
            return np
        if os_d is not None and rng.random() < 0.5:
            ds = "%d %s (%d %s) %d" % (os_d.day, MONTHS[os_d.month - 1],
                                       d.day, MONTHS[d.month - 1], d.year)
        else:
            ds = self._date_day(d)
        r = rng.random()
        if r < 0.5:
            return "On %s, the day of %s" % (ds, np)
        if r < 0.8:
            return "At the time of %s, on %s" % (np, ds)
        return "When %s came on %s" % (np, ds)

    def f_death_date(self):
        d = self.p.died
        if not d or self.p.died_prec != "day":
            raise Skip()
        self.d = d
        return self._date_day(d)

    def f_death_when(self):
        d = self.p.died
        if not d:
            raise Skip()
        self.d = d
        r = self.rng.random()
        if self.p.died_prec != "day" or r < 0.15:
            return "in %d" % d.year
        if r < 0.4:
            return "in %s %d" % (MONTHS[d.month - 1], d.year)
        return "on " + self._date_day(d)

    def f_death_year(self):
        if not self.p.died:
            raise Skip()
        return str(self.p.died.year)

    def f_death_age(self):
        if not self.p.died:
            raise Skip()
        return str(self._age(self.p, self.p.died))

    # plain vocabulary
    def f_place(self):
        return self._choice(PLACES)

    def f_country(self):
        return self._choice(COUNTRIES)

    def f_port(self):
        return self._choice(PORTS)

    def f_org(self):
        return self._choice(ORGS)

    def f_org_cap(self):
        s = self._choice(ORGS)
        return s[0].upper() + s[1:]

    def f_org_event(self):
        return self._choice(("the congress", "the conference in {place}",
                             "the session", "the plenum",
                             "the emergency meeting", "the summit"))

    def f_audience(self):
        return self._choice(AUDIENCES)

    def f_topic(self):
        return self._choice(TOPICS)

    def f_doc(self):
        return self._choice(DOCS)

    def f_building(self):
        return self._choice(BUILDINGS)

    def f_project(self):
        return self._choice(PROJECTS)

    def f_position(self):
        return self._choice(POSITIONS)

    def f_award(self):
        return self._choice(AWARDS)

    def f_commodity(self):
        return self._choice(COMMODITIES)

    def f_group(self):
        return self._choice(GROUPS)

    def f_transport(self):
        return self._choice(TRANSPORT)

    def f_adj(self):
        return self._choice(ADJ)

    def f_character(self):
        return self._choice(CHARACTER)

    def f_work(self):
        return self._choice(WORKS)

    def f_work_q(self):
        return "a " + self._choice(("novel", "history of {country}",
                                    "study of {topic}", "new symphony",
                                    "play about {place}", "long report"))

    def f_role(self):
        return self._choice(ROLES)

    def f_pred(self):
        return self._choice(PREDICATES)

    def f_joint(self):
        return self._choice(JOINT)

    def f_qpred(self):
        return self._choice(QPREDS)

    def f_recall(self):
        return self._choice(RECALLS)

    def f_diary(self):
        return self._choice(DIARY)

    def f_quote(self):
        return self._choice(QUOTES)

    def f_habitual(self):
        return self._choice(HABITUAL)

    def f_gather(self):
        return self._choice(GATHER)

    def f_desc(self):
        return self._choice(DESCS)

    def f_casualty(self):
        return self._choice(CASUALTY)

    def f_dur_short(self):
        return self._choice(DUR_SHORT)

    def f_dur_long(self):
        return self._choice(DUR_LONG)

    def f_intro(self):
        return self._choice(INTROS)

    def f_pastpart(self):
        return self._choice(PASTPARTS)

    def f_group_pred(self):
        return self._choice(GROUP_PREDS)

    def f_rose_fell(self):
        return self._choice(("rose", "rose", "fell", "grew", "increased",
                             "declined"))

    def f_vote(self):
        rng = self.rng
        if rng.random() < 0.3:
            return "unanimously"
        a = rng.randint(20, 400)
        return "by %d to %d" % (a, rng.randint(1, a))

    # numbers
    def f_num_people(self):
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            return commas(rng.randint(2, 90) * 1000)
        if r < 0.55:
            return commas(rng.randint(120, 99999))
        if r < 0.7:
            return "%s hundred" % number_words(rng.randint(2, 9))
        if r < 0.85:
            return "%d.%d million" % (rng.randint(1, 9), rng.randint(1, 9))
        return "%s thousand" % number_words(rng.randint(2, 40))

    def f_num_cap(self):
        rng = self.rng
        return commas(rng.randint(1200, 950000)) if rng.random() < 0.7 else \
            "More than %s" % commas(rng.randint(2, 99) * 1000)

    def f_big_number(self):
        rng = self.rng
        if rng.random() < 0.6:
            return commas(rng.randint(15000, 8000000))
        return "%d.%d million" % (rng.randint(1, 7), rng.randint(0, 9))

    def f_pct(self):
        rng = self.rng
        r = rng.random()
        if r < 0.5:
            return "%d per cent" % rng.randint(2, 240)
        if r < 0.8:
            return "%d.%d%%" % (rng.randint(1, 90), rng.randint(0, 9))
        return rng.choice(("a third", "a quarter", "half", "two-thirds",
                           "a fifth", "nearly half"))

    def f_distance_adj(self):
        rng = self.rng
        n = rng.randint(40, 9000)
        if rng.random() < 0.5:
            return "%s-kilometre" % commas(n)
        return "%s-mile" % commas(n)

    def f_distance(self):
        rng = self.rng
        n = rng.randint(40, 9000)
        r = rng.random()
        if r < 0.4:
            return "%s kilometres" % commas(n)
        if r < 0.8:
            return "%s miles" % commas(n)
        return "some %s hundred miles" % number_words(rng.randint(2, 19))

    def f_money(self):
        rng = self.rng
        r = rng.random()
        n = rng.randint(300, 90000)
        if r < 0.35:
            return "\u00a3" + commas(n)
        if r < 0.7:
            return "$" + commas(n)
        if r < 0.85:
            return "%s roubles" % commas(n)
        return "%s francs" % commas(n * 10)

    def f_num_copies(self):
        return commas(self.rng.randint(2, 900) * 100)

    def f_num_delegates(self):
        return commas(self.rng.randint(40, 2400))

    def f_num_against(self):
        return str(self.rng.randint(0, 39))

    def f_num_letters(self):
        return commas(self.rng.randint(12, 4000))

    def f_num_small(self):
        return number_words(self.rng.randint(2, 19))

    def f_years_word(self):
        return number_words(self.rng.randint(2, 19))

    def f_hours(self):
        return str(self.rng.randint(2, 14))

    def f_hours_word(self):
        return number_words(self.rng.randint(2, 7))


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def wrap(text, width):
    """Greedy line wrapping (faster than textwrap for this use)."""
    out = []
    line = []
    n = 0
    for w in text.split(" "):
        lw = len(w)
        if n and n + 1 + lw > width:
            out.append(" ".join(line))
            line = [w]
            n = lw
        else:
            line.append(w)
            n += lw + (1 if n else 0)
    if line:
        out.append(" ".join(line))
    return "\n".join(out)


ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"),
         (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"),
         (4, "IV"), (1, "I")]


def roman(n):
    s = ""
    for v, r in ROMAN:
        while n >= v:
            s += r
            n -= v
    return s


def generate(people, target_bytes, seed, error_rate, wrap_fraction):
    """Return (list of encoded paragraph blocks, stats)."""
    gen = Generator(people, seed, error_rate)
    rng = gen.rng
    blocks = []
    total = 0
    paragraphs = 0
    chapter = 0
    next_heading = 0
    while total < target_bytes:
        if paragraphs >= next_heading:
            chapter += 1
            next_heading = paragraphs + rng.randint(20, 60)
            r = rng.random()
            place = rng.choice(PLACES)
            year = rng.randint(1900, 1991)
            if r < 0.4:
                head = "Chapter %d\n\n%s, %d" % (chapter, place, year)
            elif r < 0.7:
                head = "%s. %s and %s" % (roman(chapter), place,
                                          rng.choice(COUNTRIES))
            else:
                head = "%d. %s" % (chapter, gen._decade(year, cap=True))
            b = (head + "\n\n").encode("utf-8")
            blocks.append(b)
            total += len(b)
        text = gen.paragraph()
        if rng.random() < wrap_fraction:
            text = wrap(text, rng.randint(66, 80))
        b = (text + "\n\n").encode("utf-8")
        blocks.append(b)
        total += len(b)
        paragraphs += 1
    return blocks, {"bytes": total, "paragraphs": paragraphs,
                    "sentences": gen.sentences, "chapters": chapter}


def write_split(blocks, total, split_dir, nfiles):
    os.makedirs(split_dir, exist_ok=True)
    for old in glob.glob(os.path.join(split_dir, "part-*.txt")):
        os.remove(old)
    width = max(3, len(str(nfiles - 1)))
    idx = 0
    i = 0
    paths = []
    for k in range(nfiles):
        bound = total * (k + 1) // nfiles
        chunk = []
        size = idx
        while i < len(blocks) and (size < bound or k == nfiles - 1):
            chunk.append(blocks[i])
            size += len(blocks[i])
            i += 1
        idx = size
        path = os.path.join(split_dir, "part-%0*d.txt" % (width, k))
        with open(path, "wb") as f:
            f.write(b"".join(chunk))
        paths.append(path)
    return paths


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(
        description="Build a synthetic English corpus of 20th-century "
                    "historical prose for benchmarking chronolint.")
    ap.add_argument("--mb", type=float, default=20,
                    help="corpus size in MB (1 MB = 1,048,576 bytes; "
                         "default 20)")
    ap.add_argument("--seed", type=int, default=1,
                    help="random seed (default 1); same seed, same corpus")
    ap.add_argument("--out", default="corpus.txt",
                    help="output file (default corpus.txt)")
    ap.add_argument("--split-dir", default=None,
                    help="also split the corpus at paragraph boundaries "
                         "into --files files in this directory")
    ap.add_argument("--files", type=int, default=200,
                    help="number of split files (default 200)")
    ap.add_argument("--rules", default=os.path.join(os.path.dirname(here),
                                                    "rules"),
                    help="rules directory to read people-*.xml from "
                         "(default: the repository's rules/)")
    ap.add_argument("--no-rules", action="store_true",
                    help="use only the built-in list of people")
    ap.add_argument("--min-people", type=int, default=150,
                    help="top up from the built-in list when the rules "
                         "have fewer people than this (default 150)")
    ap.add_argument("--error-rate", type=float, default=0.02,
                    help="share of ages and life spans made wrong on "
                         "purpose (default 0.02)")
    ap.add_argument("--wrap-fraction", type=float, default=0.5,
                    help="share of paragraphs wrapped at 66-80 columns "
                         "(default 0.5); the rest are one line each")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)

    if args.mb <= 0 or args.files < 1:
        ap.error("--mb must be > 0 and --files >= 1")
    t0 = time.perf_counter()
    people, from_rules = load_people(None if args.no_rules else args.rules,
                                     args.min_people)
    if len(people) < 2:
        print("make_corpus: need at least two people", file=sys.stderr)
        return 2
    target = int(args.mb * 1048576)
    blocks, stats = generate(people, target, args.seed, args.error_rate,
                             args.wrap_fraction)
    out_dir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(b"".join(blocks))
    os.replace(tmp, args.out)
    if args.split_dir:
        write_split(blocks, stats["bytes"], args.split_dir, args.files)
    dt = time.perf_counter() - t0
    if not args.quiet:
        print("make_corpus: %s: %s bytes, %d paragraphs, %d sentences, "
              "%d people (%d from rules), seed %d, %.1f s%s" % (
                  args.out, commas(stats["bytes"]), stats["paragraphs"],
                  stats["sentences"], len(people), from_rules, args.seed, dt,
                  ", split into %d files in %s" % (args.files, args.split_dir)
                  if args.split_dir else ""),
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
