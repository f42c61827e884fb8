#!/usr/bin/env bash
# What the tests need besides npm's packages: Debian's Chromium (and a font
# for its screenshots) for the browser tests of cgkit web. Installed with
# apt-get when missing and this runs as root; otherwise it says so and the
# browser tests skip with that reason.
set -u
if [ -x /usr/bin/chromium ]; then
	exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
	echo "test-deps: /usr/bin/chromium is missing and installing it needs root and apt-get; the browser tests will skip" >&2
	exit 0
fi
echo "test-deps: installing Debian's chromium for the browser tests" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }; then
	echo "test-deps: apt-get could not install chromium; the browser tests will skip" >&2
fi
exit 0
