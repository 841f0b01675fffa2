"""Word lists the clean stage judges lines and glued words by, kept in one place to review."""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """A set from whitespace-separated words: long lists stay readable as paragraphs."""
    return frozenset(words.split())


# Words of share/comment/ad widgets; a short line made only of these is furniture.
WIDGET_WORDS = word_set(
    """
    accept ad ads advanced advertisement advertisements advertising also article back bookmark
    caption click close comment comments continue cookie cookies copyright e-mail email embed
    enlarge facebook flipboard follow gallery here home image images instagram link linkedin
    links listen loading log login menu messenger more newsletter newsletters next online
    original page photo photos pinterest playing popular post posted previous print promoted read
    reading reddit register related reserved rights save scroll search see share shared shares
    short sign size skip slideshow source sources sponsored stories story subscribe subscribers
    tap text toggle tools top trending tweet twitter updated url us video videos view watch web
    whatsapp
    """
)

# Words of photo credits ("Getty Images", "AP Photo").
CREDIT_WORDS = word_set(
    """
    afp ap associated contributing copyright courtesy credit credits epa file getty handout
    illustration image images photo photograph photographer photographs photos pic picture
    pictures press reuters shutterstock staff via
    """
)

# Compounds of these are real words wordfreq may not know yet ("superspreader", "cyberattack").
PREFIXES = word_set(
    """
    aero anti astro auto bio co counter cyber de dis eco electro ex geo hydro hyper inter
    macro mega micro mid mini multi nano neo neuro non out over para poly post pre pro proto
    pseudo psycho quasi re self semi socio sub super techno tele thermo trans ultra un under
    """
)

# Glue across a function word is almost never a compound ("approvalfor", "shellof"); "all"
# is left out because it makes compounds ("alltime"), and so is "like" ("catlike"). The last
# line's prepositions and conjunctions restored 7 more of bench/clean_glue.py's injected glues
# ("sittingdown", "yearsago", "duringthe") and split no real word of the data. "i" is one only
# as the capital "I" opening a glued run ("Iknow"; glue.py), never inside a word ("zhengi").
FUNCTION_WORDS = word_set(
    """
    a about after again against also am an and any are as at be because been before being both but
    by can could did do does each even every for from had has have he her here him his how i if in
    into is it its just may me might must my no nor not now of off on one only onto or our out
    over said shall she should so some such than that the their them then there these they this
    those to told too two under up upon us very was we were what when where which while who whom
    whose why will with would yet you your
    ago down during since until within without through across among around between despite
    toward towards although though unless whether
    """
)

# Name particles glued to a surname are names, not glue ("deGrom", "vanDyke").
PARTICLES = word_set(
    """
    al bin da de del della di du el ibn la le mac mc van von
    """
)
