"""Content audit: does a partner's content help shoppers or is it a coupon / "best price" page; brand fit."""
