"""The armskg vocabulary, generated from ontology/armskg.ttl by kg.vocabgen.

Do not edit: run ``python -m kg.vocabgen``. Unknown terms raise:

>>> AKG.ArmsDeal
rdflib.term.URIRef('https://w3id.org/armskg/ontology#ArmsDeal')
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class AKG(DefinedNamespace):
    """Terms of the armskg ontology."""

    _fail = True
    _NS = Namespace("https://w3id.org/armskg/ontology#")

    Acceptance: URIRef
    Actor: URIRef
    Agreed: URIRef
    Agreement: URIRef
    Alliance: URIRef
    ArmsDeal: URIRef
    Article: URIRef
    Cancelled: URIRef
    Correction: URIRef
    Country: URIRef
    DealStatus: URIRef
    Decision: URIRef
    Delivered: URIRef
    Delivery: URIRef
    Leader: URIRef
    Person: URIRef
    Proposed: URIRef
    Reading: URIRef
    Refused: URIRef
    Rejection: URIRef
    Sanction: URIRef
    WeaponSystem: URIRef
    article: URIRef
    category: URIRef
    changes: URIRef
    confidence: URIRef
    contentHash: URIRef
    corroboratedBy: URIRef
    deliveredIn: URIRef
    delivery: URIRef
    deliveryYear: URIRef
    description: URIRef
    evidence: URIRef
    factKey: URIRef
    formerLeaderOf: URIRef
    imposedBy: URIRef
    leaderOf: URIRef
    manufacturer: URIRef
    measure: URIRef
    memberOf: URIRef
    mentionedIn: URIRef
    numberDelivered: URIRef
    numberOrdered: URIRef
    officialOf: URIRef
    party: URIRef
    possiblyCorroboratedBy: URIRef
    reading: URIRef
    reason: URIRef
    recipient: URIRef
    role: URIRef
    sipriId: URIRef
    status: URIRef
    supplier: URIRef
    target: URIRef
    title: URIRef
    tiv: URIRef
    tivDelivered: URIRef
    tivPerUnit: URIRef
    tivTotal: URIRef
    uncertain: URIRef
    units: URIRef
    weapon: URIRef
    year: URIRef
