package linebreak

// The JLReq line-start and line-end prohibitions (JIS X 4051 kinsoku)
// that UAX #14 does not already enforce in its strict form.

// noStartChars may not begin a line: closing brackets and quotes,
// punctuation, small kana, the prolonged sound mark and iteration marks.
const noStartChars = "）〕］｝〉》」』】〙〗〟’”｠»)]}" +
	"、。，．・：；？！,.:;?!‐゠–〜～" +
	"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ" +
	"ー々〻ゝゞヽヾ" +
	"ｧｨｩｪｫｯｬｭｮｰ"

// noEndChars may not end a line: opening brackets and quotes.
const noEndChars = "（〔［｛〈《「『【〘〖〝‘“｟«([{"

var noStartSet, noEndSet = runeSet(noStartChars), runeSet(noEndChars)

func runeSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

// noStart reports whether r may not begin a line.
func noStart(r rune) bool { return noStartSet[r] }

// noEnd reports whether r may not end a line.
func noEnd(r rune) bool { return noEndSet[r] }
