#!/usr/bin/env python3
"""Write a synthetic AWS Price List offer file of about SIZE_MB megabytes.

The layout follows the published bulk offer files (offerCode, version,
publicationDate, products, terms.OnDemand, terms.Reserved); one product in
twelve is a Linux shared-tenancy instance that `catalog import` keeps, the
rest are the Windows, dedicated and licensed variants it skips. Written as a
stream so the generator itself stays small.

    python3 bench/gen_aws_offer.py 500 > bench/out/offer-500mb.json
"""

import json
import sys

SIZE = int(sys.argv[1]) * 1_000_000 if len(sys.argv) > 1 else 50_000_000
OS = ["Windows", "RHEL", "SUSE", "Linux"]
TENANCY = ["Dedicated", "Host", "Shared"]
out = sys.stdout
written = 0


def emit(text):
    global written
    out.write(text)
    written += len(text)


def product(i):
    os_name = OS[i % 4]
    tenancy = TENANCY[(i // 4) % 3]
    return {
        "sku": f"SYN{i:014d}",
        "productFamily": "Compute Instance",
        "attributes": {
            "servicecode": "AmazonEC2",
            "location": "EU (Frankfurt)",
            "locationType": "AWS Region",
            "regionCode": "eu-central-1",
            "instanceType": f"syn{i // 12}.xlarge",
            "instanceFamily": "General purpose",
            "vcpu": "4",
            "memory": "16 GiB",
            "physicalProcessor": "Intel Xeon Platinum 8488C",
            "tenancy": tenancy,
            "operatingSystem": os_name,
            "licenseModel": "No License required",
            "preInstalledSw": "NA",
            "capacitystatus": "Used",
            "marketoption": "OnDemand",
            "usagetype": f"EUC1-BoxUsage:syn{i // 12}.xlarge",
            "operation": "RunInstances",
            "networkPerformance": "Up to 12500 Megabit",
            "storage": "EBS only",
        },
    }


def term(i, code, unit_price, extra):
    sku = f"SYN{i:014d}"
    return {
        f"{sku}.{code}": {
            "offerTermCode": code,
            "sku": sku,
            "effectiveDate": "2026-11-01T00:00:00Z",
            "priceDimensions": {
                f"{sku}.{code}.6YS6EN2CT7": {
                    "rateCode": f"{sku}.{code}.6YS6EN2CT7",
                    "description": f"${unit_price} per hour",
                    "beginRange": "0",
                    "endRange": "Inf",
                    "unit": "Hrs",
                    "pricePerUnit": {"USD": f"{unit_price:.10f}"},
                    "appliesTo": [],
                }
            },
            "termAttributes": extra,
        }
    }


emit('{\n"formatVersion":"v1.0","offerCode":"AmazonEC2","version":"20261101000000",'
     '"publicationDate":"2026-11-01T00:00:00Z",\n"products":{\n')
# Products take about a third of a real file, terms the rest.
count = 0
while written < SIZE / 3:
    emit(("," if count else "") + json.dumps(f"SYN{count:014d}") + ":" + json.dumps(product(count)) + "\n")
    count += 1
emit('},\n"terms":{"OnDemand":{\n')
for i in range(count):
    emit(("," if i else "") + json.dumps(f"SYN{i:014d}") + ":" + json.dumps(term(i, "JRTCKXETXF", 0.1 + i % 97 / 1000, {})) + "\n")
emit('},\n"Reserved":{\n')
i = 0
while written < SIZE:
    reserved = term(i % count, "4NA7Y494T4", 0.07, {"LeaseContractLength": "1yr", "PurchaseOption": "No Upfront"})
    emit(("," if i else "") + json.dumps(f"SYN{i:014d}") + ":" + json.dumps(reserved) + "\n")
    i += 1
emit("}}}\n")
