"""The guide's content core: article files -> checked, typed articles. No MkDocs here.

The modules, each with one reason to change:

- ``source``         YAML text -> plain data with a line and column for every value
- ``yaml_errors``    YAML syntax errors in an author's words (which line does not line up)
- ``schema``         the article format (``article.schema.json``) and its errors in an author's words
- ``rules``          what the format cannot say: unique ids, dates, safe Markdown, the email's fields
- ``placeholders``   the ``{field_name}`` grammar of email templates (its one owner)
- ``markup``         Markdown as the page renders it, and the allowlist of HTML a page may hold
- ``print_budget``   how many printed lines the one-page checklist takes
- ``model``          the typed article the hook and the templates read
- ``problems``       a positioned problem, and the ways it is printed (terminal, GitHub)
- ``loader``         the folder of article files -> articles, or every problem in them
- ``email_template`` filling in an email (the browser follows the same rules)
- ``page_source``    an article's Markdown, written from the model
- ``strings``        the guide's own words in the site's language (``locales/``: one catalogue each)
- ``scaffold``       ``make article``: a new article's skeleton
- ``template``       ``ARTICLE-TEMPLATE.yml``, and the check for its examples left in an article
- ``listing``        what each list shows: the home page, all articles and each topic in pages
- ``check``          ``make check``: every article checked without building the site

The MkDocs hook (``hooks/guide.py``) imports this package; tests import it directly.
"""
