#!/bin/sh
# Regenerates tests/fixtures/rtf_html/ from corpus texts (needs LibreOffice and python3; the tests
# do not). Run from the repository root: tools/mk_rtf_html_fixtures.sh [SHARED_TOOLS_DIR]
#   NAME.lo.rtf / NAME.lo.html  LibreOffice 7.4 (txt -> odt -> rtf / html; its HTML is one <pre>)
#   notice.gbk.html  a government-site article page (../shared/tools/mk_html.py; the page of 000 is
#                    corpus/renderings/html/000.html, made by tools/make_renderings.sh);
#                                    notice.txt is a gen_corpus.py notice
#   NAME.word.mht / NAME.word.doc   Word "single file web page" and Word HTML saved as .doc
set -eu
TOOLS=${1:-../shared/tools}
OUT=tests/fixtures/rtf_html
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
LO="soffice -env:UserInstallation=file://$TMP/profile --headless"
for n in 000 012; do
    cp corpus/docs/$n.txt "$TMP/$n.txt"
    (cd "$TMP" && $LO --infilter="Text (encoded):UTF8,LF,,," --convert-to odt $n.txt >/dev/null 2>&1 &&
        $LO --convert-to rtf $n.odt >/dev/null 2>&1 &&
        $LO --convert-to 'html:HTML (StarWriter)' $n.odt >/dev/null 2>&1)
    cp "$TMP/$n.rtf" "$OUT/$n.lo.rtf"
    cp "$TMP/$n.html" "$OUT/$n.lo.html"
done
# mk_html.py fills its page chrome from a generated notice's lines (county, 文号, date).
python3 "$TOOLS/gen_corpus.py" --n 1 --out "$TMP/gen" >/dev/null
cp "$TMP/gen/notice_000.txt" "$OUT/notice.txt"
python3 "$TOOLS/mk_html.py" gbk "$TMP/gbk" "$OUT/notice.txt"
cp "$TMP/gbk/notice.html" "$OUT/notice.gbk.html"
python3 tools/mk_word_html.py mht corpus/docs/012.txt "$OUT/012.word.mht"
python3 tools/mk_word_html.py html corpus/docs/012.txt "$OUT/012.word.doc"
ls -l "$OUT"
