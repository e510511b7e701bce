"""Reference data for the demo teams: real places, the seed's priorities."""

from __future__ import annotations

PRIORITIES = (
    "Antisocial behaviour",
    "Violence against women and girls",
    "Shoplifting",
    "Phone robbery",
)

# code, name, borough, shoulder suffix, size, beats (code, name, night-time economy)
TeamSpec = tuple[str, str, str, str, int, tuple[tuple[str, str, bool], ...]]

STANDARD_TEAMS: tuple[TeamSpec, ...] = (
    (
        "WE",
        "West End",
        "Westminster",
        "CW",
        230,
        (
            ("OXF", "Oxford Street", False),
            ("SOH", "Soho", True),
            ("COV", "Covent Garden", True),
            ("LSQ", "Leicester Square", True),
            ("PIC", "Piccadilly Circus", True),
            ("CHI", "Chinatown", True),
            ("REG", "Regent Street", False),
            ("BON", "Bond Street", False),
            ("MAY", "Mayfair", False),
            ("STJ", "St James's", False),
            ("FIT", "Fitzrovia", False),
            ("STR", "Strand", False),
            ("TRA", "Trafalgar Square", False),
            ("MAR", "Marylebone High Street", False),
        ),
    ),
    (
        "BX",
        "Brixton",
        "Lambeth",
        "LX",
        34,
        (
            ("BXR", "Brixton Road", True),
            ("CHL", "Coldharbour Lane", True),
            ("ELA", "Electric Avenue", False),
            ("ACR", "Acre Lane", False),
            ("BXH", "Brixton Hill", False),
        ),
    ),
    (
        "KT",
        "Kingston",
        "Kingston upon Thames",
        "VK",
        28,
        (
            ("MKT", "Market Place", True),
            ("CLA", "Clarence Street", False),
            ("EDN", "Eden Street", False),
            ("RIV", "Riverside", True),
        ),
    ),
    (
        "EA",
        "Ealing",
        "Ealing",
        "TX",
        30,
        (
            ("BRD", "Ealing Broadway", True),
            ("MAL", "The Mall", False),
            ("HAV", "Haven Green", False),
            ("WEA", "West Ealing", False),
        ),
    ),
    (
        "FP",
        "Finsbury Park",
        "Islington",
        "NI",
        27,
        (
            ("SSR", "Seven Sisters Road", True),
            ("SGR", "Stroud Green Road", False),
            ("BLK", "Blackstock Road", False),
            ("PRK", "Finsbury Park", False),
        ),
    ),
    (
        "SW",
        "Southwark",
        "Southwark",
        "MD",
        38,
        (
            ("BHS", "Borough High Street", True),
            ("BNK", "Bankside", True),
            ("LBR", "London Bridge", False),
            ("ELE", "Elephant and Castle", False),
            ("WAL", "Walworth Road", False),
        ),
    ),
    (
        "SP",
        "Spitalfields",
        "Tower Hamlets",
        "HT",
        31,
        (
            ("BRL", "Brick Lane", True),
            ("COM", "Commercial Street", False),
            ("MKS", "Spitalfields Market", False),
            ("WCR", "Whitechapel Road", True),
        ),
    ),
)

# Further neighbourhood teams that bring a command unit to about 1,000 people.
BCU_TEAMS: tuple[TeamSpec, ...] = (
    (
        "CT",
        "Camden Town",
        "Camden",
        "YK",
        62,
        (
            ("CHR", "Camden High Street", True),
            ("CLK", "Camden Lock", True),
            ("CHK", "Chalk Farm", False),
            ("KEN", "Kentish Town", False),
        ),
    ),
    (
        "SH",
        "Shoreditch",
        "Hackney",
        "GD",
        58,
        (
            ("SHH", "Shoreditch High Street", True),
            ("HOX", "Hoxton", True),
            ("OLD", "Old Street", False),
            ("KSL", "Kingsland Road", False),
        ),
    ),
    (
        "CR",
        "Croydon",
        "Croydon",
        "ZD",
        70,
        (
            ("NEN", "North End", False),
            ("CHS", "Church Street", True),
            ("WCR", "West Croydon", True),
            ("EAC", "East Croydon", False),
        ),
    ),
    (
        "ST",
        "Stratford",
        "Newham",
        "KF",
        66,
        (
            ("BRW", "The Broadway", True),
            ("WSF", "Westfield", False),
            ("QEP", "Queen Elizabeth Olympic Park", False),
            ("MRY", "Maryland", False),
        ),
    ),
    (
        "WB",
        "Wembley",
        "Brent",
        "QD",
        60,
        (
            ("WHR", "Wembley High Road", False),
            ("WPK", "Wembley Park", True),
            ("ALP", "Alperton", False),
            ("HAR", "Harlesden", True),
        ),
    ),
    (
        "HM",
        "Hammersmith",
        "Hammersmith and Fulham",
        "FH",
        56,
        (
            ("KST", "King Street", True),
            ("BRO", "Hammersmith Broadway", True),
            ("SHB", "Shepherd's Bush", False),
            ("FUL", "Fulham Broadway", False),
        ),
    ),
    (
        "LW",
        "Lewisham",
        "Lewisham",
        "PL",
        58,
        (
            ("LHS", "Lewisham High Street", False),
            ("CAT", "Catford", True),
            ("DEP", "Deptford High Street", True),
            ("NXC", "New Cross", False),
        ),
    ),
    (
        "WG",
        "Wood Green",
        "Haringey",
        "YR",
        54,
        (
            ("WGH", "Wood Green High Road", True),
            ("TTH", "Tottenham High Road", True),
            ("BWG", "Bruce Grove", False),
            ("NRS", "Noel Park", False),
        ),
    ),
    (
        "RF",
        "Romford",
        "Havering",
        "KD",
        52,
        (
            ("RMK", "Romford Market", False),
            ("SOU", "South Street", True),
            ("HOR", "Hornchurch", False),
            ("UPM", "Upminster", False),
        ),
    ),
)

# Names from many backgrounds, with the letters that break careless software.
INTERNATIONAL_NAMES: tuple[tuple[str, str], ...] = (
    ("Łukasz", "Wójcik"),
    ("Zoë", "O'Brien"),
    ("Ayşe", "Yılmaz"),
    ("Siobhán", "Ní Bhriain"),
    ("José", "Núñez"),
    ("Óscar", "Ramírez"),
    ("Doğan", "Güneş"),
    ("Małgorzata", "Żuławska"),
    ("Renée", "Lefèvre"),
    ("Seán", "Ó Súilleabháin"),
    ("Chloë", "D'Souza"),
    ("Ali", "Khan"),
    ("Björn", "Åström"),
    ("Ngozi", "Okonkwo-Adébáyọ̀"),
    ("Priya", "Chakraborty"),
    ("Mehmet", "Öztürk"),
    ("Nikos", "Papadopoulos"),
    ("Νίκος", "Παπαδόπουλος"),
    ("Дмитрий", "Иванов"),
    ("Aleksandra", "Kowalczyk"),
    ("François", "Dubois-Müller"),
    ("Eilís", "Mac Giolla Phádraig"),
    ("Jürgen", "Weiß"),
    ("Ștefan", "Țurcanu"),
)

SKILLS_COMMON = ("first-aid", "driver")
