/**
 * The one-letter C escapes echo and printf share (\a \b \e \f \n \r \t \v
 * \\); \c, octal and hex escapes are each tool's own.
 */
export const C_ESCAPES: Readonly<Record<string, string>> = {
	a: "\x07",
	b: "\b",
	e: "\x1b",
	f: "\f",
	n: "\n",
	r: "\r",
	t: "\t",
	v: "\v",
	"\\": "\\",
};
