#!/usr/bin/env python3
"""Writes Scenarios/traces/quickstart.jsonl: one day of six machines and 24 members, deterministic.

It has paid purchases (Apple Pay, Google Pay, anonymous cards), refunds of failed vends (one listed
before its purchase in the file), repeated deliveries, accepted redemptions and one denied. It prints
every member's balance computed here, independently of the Swift code, for the tests' known answers.
usage: Tools/make-quickstart-trace.py [OUT]"""
import datetime, json, random, sys

rng = random.Random(20261124)
out = sys.argv[1] if len(sys.argv) > 1 else "Scenarios/traces/quickstart.jsonl"
start = datetime.datetime(2026, 11, 24, 7, 0, tzinfo=datetime.timezone.utc)
machines = [f"VM-{n:04d}" for n in (7, 12, 19, 42, 58, 73)]
products = [("coke-355", 250), ("diet-coke-355", 250), ("sprite-355", 225), ("water-500", 180), ("coffee-240", 300)]
members = sorted({f"vp-{rng.getrandbits(24):06x}" for _ in range(24)})
assert len(members) == 24
heavy = members[:3]
weights = [12 if m in heavy else rng.choice([1, 1, 2, 3]) for m in members]
events, clock, seq = [], 0, 0

def stamp(ms):
    t = start + datetime.timedelta(milliseconds=ms)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"

def next_id():
    global seq
    seq += 1
    return f"e-{seq:06d}"

points = {}
redeemed = {}
for _ in range(215):
    clock += rng.randint(60_000, 240_000)
    machine = rng.choice(machines)
    sku, price = rng.choice(products)
    slot = rng.choice("ABCD") + str(rng.randint(1, 6))
    anonymous = rng.random() < 0.15
    member = None if anonymous else rng.choices(members, weights)[0]
    payment = "card" if anonymous else rng.choice(["apple_pay", "google_pay"])
    purchase = {"id": next_id(), "type": "purchase", "time": stamp(clock), "machine": machine}
    if member:
        purchase["participant"] = member
    purchase.update({"payment": payment, "sku": sku, "slot": slot, "amount": price, "currency": "USD"})
    events.append(purchase)
    if rng.random() < 0.05:
        refund = {"id": next_id(), "type": "refund", "time": stamp(clock + 7_000), "machine": machine}
        if member:
            refund["participant"] = member
        refund.update({"purchase": purchase["id"], "amount": price, "currency": "USD"})
        events.append(refund)
    elif member:
        points[member] = points.get(member, 0) + 1
    if member in heavy and points.get(member, 0) // 10 > redeemed.get(member, 0) and rng.random() < 0.5:
        clock += 30_000
        events.append({"id": next_id(), "type": "redemption", "time": stamp(clock), "machine": machine,
                       "participant": member, "sku": sku, "slot": slot})
        redeemed[member] = redeemed.get(member, 0) + 1

light = [m for m in members if m not in heavy][0]
clock += 60_000
events.append({"id": next_id(), "type": "redemption", "time": stamp(clock), "machine": machines[0],
               "participant": light, "sku": "water-500", "slot": "A1"})
refunds = [e for e in events if e["type"] == "refund"]
assert len(refunds) >= 3, "the seed should give a few refunds"
first_refund = refunds[0]
events.remove(first_refund)
target = next(i for i, e in enumerate(events) if e["id"] == first_refund["purchase"])
events.insert(target, first_refund)
lines = [json.dumps(e, separators=(",", ":")) for e in events]
for index in sorted(rng.sample(range(len(lines)), 8), reverse=True):
    lines.insert(index + rng.randint(1, 5), lines[index])
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")

balances = {}
for m in members:
    p = points.get(m, 0)
    if p or m in redeemed or any(e.get("participant") == m for e in events):
        balances[m] = {"points": p, "earned": p // 10, "redeemed": redeemed.get(m, 0)}
print(json.dumps({"lines": len(lines), "events": len(events), "refunds": len(refunds),
                  "redemptions": sum(redeemed.values()), "balances": balances}, indent=1))
