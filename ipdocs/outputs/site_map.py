"""The record site's main pages and their menu names (the build lists them as targets without loading the site)."""

NAV = [("index.html", "首页"), ("meetings.html", "会议"), ("ledger.html", "议定事项"), ("roster.html", "成员名单"),
       ("assessment.html", "考核进展"), ("archive.html", "归档目录")]
