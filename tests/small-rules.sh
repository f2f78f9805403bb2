# small-rules.sh - sourced by tests/bad-input.sh and tests/xml-safety.sh:
# small_rules DIR RULES makes DIR a rules directory with the schema and rule
# documentation of RULES and one person, Stalin, for texts to name.
small_rules() {
	mkdir "$1" &&
		cp "$2/chronolint.rng" "$2/rules.xml" "$1/" &&
		cat > "$1/people.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<people xmlns="https://chronolint.org/ns/rules/1">
  <person id="stalin-joseph" qid="Q855">
    <name>Joseph Stalin</name>
    <surname alone="yes">Stalin</surname>
    <born date="1878-12-18" precision="day"/>
    <died date="1953-03-05" precision="day"/>
  </person>
</people>
XML
}
