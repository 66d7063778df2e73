"""Word lists and address ranges the generator draws from: real shapes, no meaning.

Public /16 prefixes held by large residential ISPs, mobile carriers (CGNAT), universities and hosting
companies; names and mail domains; phone models; catalog themes. Kept compact on purpose.
"""

# fmt: off
RESIDENTIAL = ((73, 15), (73, 162), (98, 207), (24, 6), (67, 180), (71, 59), (76, 102), (99, 35), (108, 28),
               (174, 62), (47, 149), (68, 36), (70, 113), (75, 71), (96, 241), (100, 15), (107, 190),
               (69, 250), (50, 53), (64, 189), (72, 83), (97, 118), (142, 196), (23, 118), (184, 58))
MOBILE = ((172, 56), (172, 58), (172, 59), (166, 205), (174, 208), (174, 229), (107, 77), (107, 115),
          (99, 203), (208, 54))
CAMPUS = ((128, 32), (129, 105), (130, 126), (140, 247), (171, 64), (141, 211), (152, 3), (155, 41))
HOSTING = ((45, 83), (185, 220), (104, 28), (138, 197), (159, 89), (192, 241), (51, 158), (94, 102))

FIRST_NAMES = ("maya", "liam", "olivia", "noah", "emma", "lucas", "ava", "ethan", "sofia", "mason", "chloe",
               "logan", "zoe", "aiden", "nora", "caleb", "leah", "owen", "ruby", "isaac", "hazel", "jack", "ivy",
               "mateo", "aria", "ryan", "lena", "diego", "priya", "arjun", "mei", "kenji", "fatima", "omar",
               "grace", "henry", "julia", "marcus", "nina", "tariq", "elena", "samuel", "amara", "felix")
LAST_NAMES = ("chen", "garcia", "smith", "nguyen", "patel", "johnson", "kim", "brown", "lopez", "miller",
              "davis", "wilson", "martin", "lee", "walker", "hall", "young", "allen", "wright", "scott",
              "green", "baker", "adams", "nelson", "hill", "campbell", "rivera", "cooper", "reed", "bailey",
              "bell", "murphy", "ward", "brooks", "price", "bennett", "wood", "ross", "hughes", "foster")
MAIL_DOMAINS = ("gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com",
                "aol.com", "proton.me", "comcast.net", "msn.com", "me.com")

ANDROID_MODELS = ("SM-S918B", "SM-A546E", "SM-G991U", "Pixel 7", "Pixel 8 Pro", "Pixel 6a", "moto g power (2022)",
                  "SM-A136U", "CPH2451", "2201117TG", "M2101K6G", "RMX3363", "SM-S911U", "motorola edge 5G",
                  "SM-A256E", "V2207", "TECNO KI7", "Infinix X6833B", "SM-G998B", "LM-K500", "Redmi Note 12")
IPHONE_OS = ("16_7_8", "17_1_2", "17_3_1", "17_4_1", "17_5", "17_6_1", "18_0_1", "18_1", "18_2")

THEMES: dict[str, tuple[tuple[str, float, tuple[str, ...]], ...]] = {
    "outdoor": (("camping", 90, ("Tent", "Sleeping Bag", "Camp Stove", "Lantern")),
                ("apparel", 70, ("Rain Jacket", "Fleece", "Hiking Pants", "Base Layer")),
                ("packs", 110, ("Daypack", "Trekking Pack", "Hydration Vest")),
                ("footwear", 130, ("Trail Runner", "Hiking Boot"))),
    "beauty": (("skincare", 32, ("Serum", "Moisturizer", "Cleanser", "Eye Cream")),
               ("makeup", 24, ("Lip Tint", "Mascara", "Concealer")),
               ("hair", 28, ("Hair Oil", "Shampoo Bar", "Curl Cream")),
               ("tools", 45, ("Gua Sha", "Brush Set", "LED Mask"))),
    "audio": (("headphones", 180, ("Over-Ear Headphones", "Studio Monitor Cans")),
              ("earbuds", 120, ("Wireless Earbuds", "Sport Buds")),
              ("speakers", 150, ("Bookshelf Speaker", "Portable Speaker", "Soundbar")),
              ("accessories", 25, ("Cable", "Case", "Ear Tips"))),
    "coffee": (("beans", 18, ("Single Origin", "Espresso Blend", "Decaf Roast")),
               ("brewing", 55, ("Pour-Over Kit", "French Press", "Grinder")),
               ("machines", 320, ("Espresso Machine", "Drip Brewer")),
               ("mugs", 22, ("Travel Mug", "Ceramic Cup"))),
    "fitness": (("equipment", 85, ("Kettlebell", "Resistance Bands", "Yoga Mat", "Jump Rope")),
                ("apparel", 48, ("Leggings", "Training Tee", "Shorts")),
                ("nutrition", 38, ("Whey Protein", "Electrolytes", "Creatine")),
                ("recovery", 95, ("Massage Gun", "Foam Roller"))),
    "home": (("bedding", 85, ("Linen Sheets", "Duvet Cover", "Pillow")),
             ("kitchen", 60, ("Knife Set", "Dutch Oven", "Cutting Board")),
             ("decor", 45, ("Vase", "Throw Blanket", "Candle")),
             ("bath", 35, ("Towel Set", "Bath Mat"))),
    "pets": (("food", 42, ("Grain-Free Kibble", "Freeze-Dried Treats", "Wet Food Pack")),
             ("toys", 16, ("Chew Toy", "Puzzle Feeder")),
             ("beds", 75, ("Orthopedic Bed", "Cat Cave")),
             ("walk", 30, ("Harness", "Leash", "Collar"))),
    "kids": (("toys", 28, ("Building Set", "Plush", "Wooden Puzzle")),
             ("clothing", 24, ("Pajamas", "Rain Boots", "Hoodie")),
             ("nursery", 90, ("Baby Carrier", "Crib Sheet", "Night Light")),
             ("books", 14, ("Board Book", "Activity Book"))),
}
ADJECTIVES = ("Classic", "Everyday", "Pro", "Essential", "Ultralight", "Signature", "Organic", "Compact", "Deluxe",
              "Original", "Studio", "Trail", "Cloud", "Nordic", "Summit", "Daily", "Premium", "Mini", "Max", "Soft")
OUTLET_WORDS = ("Notes", "Lab", "Guide", "Club", "Journal", "Hub", "Picks", "Review", "Daily", "Corner", "Report",
                "Crew")
DEAL_NAMES = ("DealNest", "SaveRush", "CouponDrift", "PromoPilot", "CodeHarbor", "BargainBay", "VoucherVault",
              "CashbackCove", "RebateRoost", "ThriftLoop", "OfferOrbit", "SnapSaver")
NETWORKS = ("direct", "direct", "direct", "direct", "impact", "impact", "awin", "partnerize")
# fmt: on
