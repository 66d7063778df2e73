"""Personal data: the retention of click and checkout signals, and a customer's or partner's export and erasure.

Nothing here touches the ledger, commissions or attributions: erasure replaces personal fields with
tombstones, so every booked amount and every credit stays exactly as it was.
"""
