"""The lexicon's entries: a pattern of everyday or practitioner words, and the guidance's own words
it adds to the query. Written from the field's vocabulary and the corpus' wording, never from a
question set: every added word occurs in the guidance, and none names a level (a level word would
bias which level is found, not what the question is about)."""

PAIRS: list[tuple[str, str]] = [
    # The first entries
    (r"jabs?|vaccin\w*", "immunisations"),
    (r"nits|lice|smell\w*|unwashed|dirty|scruffy", "hygiene clothing"),
    (r"teeth|dentist|tooth\w*", "dental"),
    (r"weed|cannabis|skunk|coke|cocaine|pills|spice|vap\w*", "drugs substance misuse"),
    (r"booze|drunk|drinking|alcoholic|hammered", "alcohol"),
    (r"cutting|cuts (her|his|their) (arms|legs|wrists)|self[- ]?harm\w*", "self-harm"),
    (r"the pill|contracepti\w*|condoms?|morning after", "sexual health contraceptive services"),
    (r"bunk\w*|truant\w*|skipping school|skiving|not in school|off school", "attendance education"),
    (r"suspended|expelled|kicked out of school", "exclusion"),
    (r"county lines|drug running|running drugs|dealing", "criminal exploitation drug supply"),
    (r"groom\w*", "grooming exploitation"),
    (r"sexting|nudes|naked (photos|pictures|images)", "sexual images"),
    (r"runs? off|ran off|doesn'?t come home|didn'?t come home|stays out|out all night", "missing runs away"),
    (r"smack(s|ed|ing)?|belt|slipper|wooden spoon", "physical chastisement implement"),
    (r"bruis\w*|marks|welts|burns?", "injuries"),
    (r"rows|rowing|arguing|screaming at each other", "conflict domestic abuse"),
    (r"controls? (the |all the )?money|pocket money|allowance", "economic control"),
    (r"controlling|jealous|checks (her|his) phone", "coercive control"),
    (r"homeless|evicted|eviction|sofa[- ]surf\w*|b&b|hostel", "accommodation housing"),
    (r"debt|can'?t afford|skint|broke|food ?bank", "income financial"),
    (r"depress\w*|low mood|anxious|anxiety|panic attacks", "mental health"),
    (r"wants? to die|end (it|her life|his life)|suicid\w*", "suicidal ideation"),
    (r"autis\w*|asd|adhd|learning difficult\w*", "disability developmental needs"),
    (r"looks after (her|his) (mum|dad|mother|father|brother|sister)|cares for", "young carer caring responsibilities"),
    (r"co-?sleep\w*|in (their|the parents'?|mum'?s) bed|sleeps with", "safer sleep sleeping arrangements"),
    (r"pregnan\w*|expecting a baby", "pregnancy"),
    (r"circumcis\w*|(to be|being|been|get|getting|gets) cut", "female genital mutilation"),
    (r"marry|married off|wedding", "forced marriage"),
    (r"radical\w*|extremis\w*|isis|jihad\w*|far[- ]right|nazi", "extremism radicalisation"),
    (r"knife|knives|blade|machete|gun", "weapon"),
    (r"stop and search|stopped by (the )?police|searched by (the )?police", "stopped and searched"),
    (r"witch\w*|possessed|demon\w*|evil spirit", "spirit possession witchcraft"),
    (r"home alone|left alone|on (his|her|their) own|unsupervised", "supervision neglect"),
    (r"hungry|no food|not fed|starving|empty fridge", "food provision neglect"),
    (r"no heating|cold house|freezing", "warmth shelter"),
    (r"missed appointments?|doesn'?t take (him|her|them) to|never brings? (him|her|them)", "health appointments"),
    (r"won'?t let (us|me|the hv|the health visitor|anyone) in|refus\w* (entry|access)", "denying access to the child"),
    (r"not talking|speech|late walking|behind with", "developmental milestones"),
    (r"bullied|bullying|picked on", "bullying"),
    (r"no friends|lonely|isolated|withdrawn", "friendships isolated"),
    (r"tiktok|snapchat|instagram|online|social media", "internet social media"),
    (r"family friend|friend of the family|staying with (an? )?(aunt|friend|neighbour)", "private fostering"),
    (r"asylum|immigration|visa|no recourse", "legal entitlement to stay in the country"),
    (
        r"new phones?|expensive (trainers|clothes|gifts)|unexplained (money|gifts)",
        "unexplained gifts money exploitation",
    ),
    (r"older (men|boys|guys)|older boyfriend", "older adults exploitation"),
    (r"fabricat\w*|induced illness|fii|munchausen", "fabricated or induced illness"),
    # Child's physical health, illness, growth, diet and dental care
    (
        r"asthma\w*|epilep\w*|diabet\w*|inhalers?|seizures?|cerebral palsy|cystic fibrosis|sickle cell|always ill|sickly|keeps getting ill",
        "long-term conditions illness health",
    ),
    (
        r"life[- ]shortening|palliative|hospice|terminally ill (child|baby|son|daughter|boy|girl)",
        "life-limiting illness",
    ),
    (
        r"centiles?|not gaining weight|failure to thrive|faltering growth|weight (has )?(dropped|fallen|plateaued)|skinny|skin and bones|losing weight|lost weight|very thin",
        "growth centile ranges failure to thrive underweight",
    ),
    (
        r"obes(e|ity)|morbidly|weight problem|junk food|takeaways?|fizzy drinks|energy drinks|fast food|sugary (drinks|snacks|food)",
        "obese overweight unhealthy diet",
    ),
    (
        r"no breakfast|skip(s|ped|ping)? breakfast|no (packed )?lunch|no dinner money|no lunch money|picky eater|fussy eat\w*|only eats|won'?t eat|refuses (food|to eat)",
        "breakfast lunch money restricted diet",
    ),
    (
        r"anorexi\w*|bulimi\w*|purging|making (herself|himself|themselves) sick|starving (herself|himself|themselves)",
        "eating disorder mental health",
    ),
    (r"rotten (teeth|tooth|gums)|toothache|(tooth|dental) abscess|caries|decayed", "tooth decay dental care"),
    (
        r"mmr|booster (jabs?|injections?|vaccinations?)|pre-?school boosters?|red book|(one|two|1|2)[- ]year(-old)? (check|review)|6[- ]8 week check|health reviews?|developmental reviews?",
        "immunisations developmental health checks",
    ),
    (
        r"dna'?d|dnas|did not attend|was not brought|wnb|no[- ]shows?|not registered with (a |the |any )?(gp|doctor|dentist)|no gp",
        "missed appointments access health services",
    ),
    (
        r"a&e|a and e|emergency department|urgent care|minor injuries unit|walk[- ]in centre|always at the doctors?|keeps taking (him|her|them) to (the )?(doctor|gp|hospital)|frequent attender",
        "hospital casualty unnecessary visits doctor",
    ),
    (
        r"accident[- ]prone|always falling( over)?|keeps (hurting|injuring) (himself|herself|themselves)|lots of accidents",
        "accidents injuries",
    ),
    (
        r"over[- ]?anxious (mum|mother|dad|father|parent)|worried sick about|hypochondria\w*|over[- ]?protective|wraps? (him|her|them) in cotton wool",
        "anxiety health prevented socialising",
    ),
    (
        r"untreated|infected (cut|wound|ear|eye|tooth)|(won'?t|didn'?t|doesn'?t) (seek|get) (medical )?(help|treatment|attention)|no medical (attention|care)|not giving (him|her|them|his|her|their) (meds|medicine|insulin|inhaler)|missed (doses|meds)|run out of (meds|medicine|insulin)",
        "medical care treatment refusing endangering",
    ),
    # Sexual health, pregnancy, ante-natal care and infancy
    (r"chlamydia|gonorrh\w*|herpes|syphilis|genital warts|std", "sexually transmitted infections"),
    (r"miscarri\w*|abortions?|terminated (the|a|her) pregnancy", "miscarriages terminations pregnancy"),
    (
        r"teen(age)? (mum|mom|mother|dad|father|parents?)|young (mum|dad)|gymslip|(11|12|eleven|twelve)[- ]year[- ]old (is |who is )?pregnant|(11|12|eleven|twelve) (years? old|yo) (and |who is )?pregnant|pregnant at (11|12|13|eleven|twelve|thirteen)",
        "young inexperienced parents pregnancy under 13",
    ),
    (
        r"unborn|pre-?birth|due date|weeks pregnant|booked late|late book\w*|concealed (her |the )?pregnancy|hid (her|the) pregnancy|(missed|missing) (her )?midwife appointments?|not seeing (the|a) midwife|no antenatal",
        "ante-natal antenatal care pre-birth assessment unborn",
    ),
    (r"baby blues|pnd|post[- ]?partum( depression| psychosis)?", "post-natal postnatal depression parenthood"),
    (
        r"not bond(ing|ed)|doesn'?t bond|no bond with|won'?t hold (the )?baby|cold (towards|with) (the )?baby|attachment (issues|difficulties|disorder)|reactive attachment|indiscriminate(ly)? (affection|affectionate|friendly)|goes to (anyone|strangers)|no stranger danger",
        "attachments emotional warmth unsafe contacts",
    ),
    (
        r"colic\w*|won'?t settle|cries all the time|constant crying|screams all night|won'?t sleep|feeding problems|won'?t feed|reflux|propped (up )?bottles?|bottle propp\w*|watering down (the )?(formula|milk)|formula (too weak|watered down)",
        "sleeping feeding crying",
    ),
    (
        r"cot death|sids|sudden infant death|fell asleep (on the sofa )?with (the )?baby|baby (sleeps?|slept|sleeping) (on|in) (the )?(sofa|couch|settee|car seat|bouncer)|no (cot|moses basket)",
        "safer sleep babies unsafe sleeping arrangements",
    ),
    (
        r"(using|takes?|taking|smok(es|ing)|drink(s|ing)) (drugs |heroin |crack |cannabis |weed |alcohol )?(while|whilst) pregnant|neonatal abstinence|nas|baby withdrawing|born addicted|fasd|foetal alcohol",
        "substance misuse pregnancy newborn maternal",
    ),
    # Injuries and physical abuse
    (
        r"shaken baby|shook (the )?baby|bruis\w* on (a|the|my|her|his) baby|baby (has|had|with) (a )?(bruise|bruising|mark|marks|injury|fracture)|nai|fracture[sd]?|broken (arm|leg|bone|rib|wrist|collarbone)s?|head injur\w*|skull",
        "non-mobile injuries non-accidental injury",
    ),
    (
        r"scald\w*|cigarette burns?|grab marks|finger ?tip bruis\w*|slap marks|black eye|bite marks?|hand ?prints?",
        "bruising scalds injuries",
    ),
    (
        r"doesn'?t know how (it|he|she|they) (happened|got it)|story doesn'?t add up|chang(ing|ed) (story|explanation)|different explanations?|explanation doesn'?t (fit|match)|vague explanation",
        "inconsistent explanations injuries unexplained",
    ),
    (
        r"(hits?|hit|hitting|beats?|beat|beating|punch(es|ed|ing)?|kick(s|ed|ing)?|slap(s|ped|ping)?|thump(s|ed|ing)?) (the )?(kids?|child|children|baby|toddler|son|daughter)|(mum|dad|mother|father|parent|stepdad|stepmum) (is |was |keeps |has been )?(hits?|hit|hitting|beats?|beating|punched|punching|slapped|slapping|kicked|kicking) (him|her|them)",
        "physical harm assault physically harms",
    ),
    (
        r"clip (round|around) the ear|good hiding|whack(s|ed|ing)? (him|her|them)|spank\w*|clout(s|ed)? (him|her|them)|tap on the (hand|bum|leg)|(hit|hits|beat|beats|whipped|whips) (him|her|them) with|hairbrush|caned|with a (cable|charger|stick|cane)",
        "physical chastisement punishment implement",
    ),
    (
        r"flinch\w*|frozen watchfulness|jumpy around|(scared|frightened|afraid) of (his|her|their) (dad|mum|stepdad|stepmum|father|mother|parents?)|(doesn'?t want|scared|afraid) to go home",
        "fearful of the parent harm",
    ),
    # Domestic abuse
    (
        r"hits? (his|her) (wife|partner|girlfriend|boyfriend|husband)|hits? mum|hit mum|beat(s|en)? (up )?mum|(dad|partner|boyfriend|stepdad|husband) (hits?|hit|beats?|punched|attacked|pushed) (mum|her)|violent (partner|boyfriend|husband|ex)|abusive (partner|boyfriend|husband|ex)|wife beater|knock(s|ed)? (her|mum) about",
        "domestic abuse violence physical perpetrator",
    ),
    (
        r"strangl\w*|chok(ed|ing) (her|him|mum)|hands? (round|around) (her|his) (neck|throat)|threaten(s|ed|ing)? to kill|said (he|she)('d| would) kill|death threats?",
        "domestic abuse threat life violent partner",
    ),
    (
        r"domestics|a domestic|domestic call[- ]?outs?|police (were |are |keep getting )?called (out )?to (the|their|a) (house|home|address|property|flat)|call[- ]?outs? to the (house|home|address|flat)",
        "domestic abuse incidents attendances police family home",
    ),
    (
        r"(he'?s|ex'?s|ex is|ex has) (moved )?back in|back with (her|his|the) (ex|abuser)|(partner|ex) moved back in|let (him|her) back in",
        "previous perpetrator residing property domestic abuse",
    ),
    (
        r"marac|dash (risk|form)|clare'?s law|non[- ]?molestation|injunction|restraining order|refuge",
        "domestic abuse victim",
    ),
    (
        r"won'?t let (her|him) (go out|see (her|his) (friends|family)|work|leave)|isolat(es|ed|ing) (her|him) from|tracks? (her|his) (phone|location)|tracking app|monitors? (her|his) (phone|messages)|gaslight\w*",
        "coercive controlling behaviour",
    ),
    (
        r"takes? (her|his|mum'?s) (wages|benefits|bank card|money)|(no|without) access to (money|the bank|her own money)|financial abuse|keeps? (her|mum) short",
        "economic control",
    ),
    (
        r"calls? (him|her|them) (names|stupid|useless|thick)|name[- ]calling|swears at (him|her|them|the kids?)|(screams|shouts) at (him|her|them|the kids?)|put[- ]?downs?|belittl\w*",
        "verbal abuse derogatory titles critical",
    ),
    (
        r"saw (dad|him|mum|her) (hit|hitting|beat|beating|hurt|attack)|witness(ed|es|ing)? (the )?(violence|fight|fighting|assault|row)|heard (the )?(fighting|screaming|arguments?)|hid (upstairs|under the bed|in (his|her|their) room)|tried to (stop (him|her|them|it)|protect|step in|get between)|got between them|protecting (mum|her mum|his mum)",
        "witnessing domestic abuse emotional harm protect adult victim",
    ),
    (
        r"(hit|kicked|punched|pushed) (her )?(in|while) (the )?(stomach|pregnant|belly|bump)",
        "expectant mother domestic abuse unborn",
    ),
    # Parental mental health, learning disability and physical health
    (
        r"sectioned|mental health act|detained under|bipolar|schizophren\w*|psychosis|psychotic|hearing voices|paranoi\w*|delusion\w*",
        "section psychotic acutely mentally unwell delusions",
    ),
    (
        r"personality disorder|bpd|eupd|ocd|crisis team|home treatment team|cmht|mental health team|antidepressants?|sertraline|fluoxetine|citalopram",
        "mental health services",
    ),
    (
        r"overdos\w*|od'?d|too many (tablets|pills|paracetamol)|paracetamol overdose",
        "suicide attempt self-harm hospital overdose",
    ),
    (
        r"can'?t get out of bed|in bed all day|not coping|can'?t cope|struggling to cope|nervous breakdown|end of (her|his|my|their) tether|overwhelmed|breaking point|stressed out|frazzled",
        "struggles to cope stresses mental health",
    ),
    (
        r"(mum|dad|mother|father|parents?) (has|have|with) (a |an )?(learning (disability|disabilities|difficulty|difficulties|needs)|ld|low iq)|learning[- ]disabled (mum|dad|mother|father|parents?)|can'?t read (or|and) write|illitera\w*",
        "learning disabilities parents carers",
    ),
    (
        r"(mum|dad|mother|father|parent)('?s)? (has |with |diagnosed with )?(cancer|ms|multiple sclerosis|a stroke|dementia|chronic illness|chronic pain)|(mum|dad|mother|father)('?s| is)? (in|admitted to) hospital|chemo\w*|housebound|bed[- ]?bound|(mum|dad|mother|father|parent)('?s| is)? (in a )?wheelchair|(mum|dad|mother|father|parents?) (is |are )?(disabled|blind|deaf)",
        "physical health disabilities carer hospital",
    ),
    # Parental and household substance misuse
    (
        r"heroin|crack cocaine|on crack|smokes crack|crack ?head|methadone|subutex|ketamine|mdma|ecstasy|needles|syringes|bongs?|grinders?|crack pipe|rizlas|baggies|deal bags",
        "class drugs paraphernalia substance misuse",
    ),
    (
        r"passed out|pass(es)? out|blacked out|blackouts?|paralytic|off (his|her|their) (face|head)|comatose|stoned|high on (drugs|weed|cannabis|something|coke|ket)|gets? high|getting high|under the influence|intoxicated|smel(led|t|ls) of (alcohol|drink|booze|cannabis|weed)|binge drink\w*|on a bender|benders|drinks? every (day|night)|daily drinking|cans of (lager|beer|cider)|bottle of (vodka|wine) a day",
        "binge drinking blackouts alcohol drugs",
    ),
    (
        r"drunk in charge|drunk while (looking after|caring)|(drinks?|drinking|using|uses|smok(es|ing) (weed|cannabis|crack)) (in front of|around) (the )?(kids|children|child|baby)",
        "using drugs alcohol child is present",
    ),
    (
        r"worried about (mum|dad)'?s? (drinking|drug use|using)|won'?t (bring|have) friends (home|round)|embarrassed to (bring|have) friends",
        "worrying about carer invite friends home",
    ),
    (
        r"drug den|crack den|people coming and going|comings and goings|callers at all hours|trap house|cuckoo\w*",
        "family home drug taking dealing illegal activities",
    ),
    (
        r"(older )?(brother|sister|sibling)s? (is |are )?(using|uses|smokes?|smoking|deals?|dealing|drinks?|drinking|on drugs)",
        "siblings household members misuse",
    ),
    (
        r"gambl\w*|betting|bookies|slot machines|fruit machines|online casino|scratch ?cards?|spends? (all )?(the |his |her |their )?(money|benefits|wages) on (drink|drugs|alcohol|weed|cigarettes|fags|gambling)|money goes on (drink|drugs|alcohol)",
        "gambling expenditure financial resources basic needs",
    ),
    # Child's own substance use
    (
        r"underage (drinking|smoking)|smok(es|ing|er)|cigarettes?|fags|tobacco|experimenting with|sniffing (glue|gas|aerosols|lighter fluid)|solvents?|nitrous oxide|laughing gas|nos canisters",
        "tobacco underage smoking experimenting substance misuse",
    ),
    (
        r"caught with (weed|cannabis|drugs|a bag)|found with (weed|cannabis|drugs)|possession of (cannabis|drugs|weed)",
        "found possession class drugs",
    ),
    # Emotional wellbeing, self-harm and mental health (child)
    (
        r"head[- ]?bang\w*|burning (herself|himself|themselves)|scratch(es|ing) (herself|himself|themselves|at (her|his) (arms|skin))|hitting (herself|himself|themselves)|pulling (her|his) hair( out)?|self[- ]injur\w*|ligatures?",
        "self-harm self-harming injury",
    ),
    (
        r"kill (myself|herself|himself|themselves)|better off dead|no point (living|in living|being alive)|doesn'?t want to be (here|alive)|not want(ing)? to (be here|live|be alive)|tried to hang|suicide note|goodbye (note|letter)",
        "suicidal ideation thoughts plan intent suicide attempt",
    ),
    (
        r"pro[- ]ana|self[- ]harm (sites|pages|accounts|videos)|suicide (sites|forums)|harmful (sites|content)",
        "harmful social media sites self-harm",
    ),
    (
        r"camhs (referral|waiting|rejected|turned down|bounced)|camhs (waiting )?list|mhst|kooth|counsell\w*|therapist|psychiatrist|psychologist",
        "mental health services treatment",
    ),
    (
        r"stays? in (his|her|their) room|shut (himself|herself|themselves) away|won'?t come out of (his|her|their) room|tearful|cries a lot|crying (at|in) school|sad all the time|lost interest in|clingy|clinging|won'?t leave (mum|her mum|his mum|my side)|separation anxiety|on edge|hypervigilant",
        "withdrawn clingy anxious distressed",
    ),
    (r"flashbacks?|nightmares?|night terrors|adverse childhood experiences|aces", "traumatised trauma emotional harm"),
    (
        r"passed away|died|death of|lost (her|his|their) (mum|dad|mother|father|brother|sister|nan|grandad|grandma|grandmother|grandfather|friend)|funeral|grief|grieving",
        "bereavement loss close family member",
    ),
    (
        r"hates? (herself|himself|themselves)|thinks? (she|he|they)('?s| is| are) (ugly|stupid|worthless|useless|fat)|no confidence|lacks? confidence|low confidence|puts? (herself|himself|themselves) down|feels? (worthless|useless|ugly)|body image",
        "low self-esteem confidence sense of self worthlessness",
    ),
    # Behaviour and self-control
    (
        r"meltdowns?|tantrums?|lash(es|ed|ing)? out|kicks? off|kicking off|explosive|outbursts?|anger (issues|problems|management)|short fuse|temper",
        "self-control behaviour angry aggressive",
    ),
    (
        r"hits? other (children|kids|pupils)|hurt(s|ing)? other (children|kids|pupils)|bites other (children|kids)|fights at school|fighting at school|gets into fights|violent (towards|to) (staff|peers|other (children|kids|pupils)|teachers)|assault(ed|s)? (a )?(teacher|member of staff|pupil)|throws? (chairs|furniture|tables)|threw (a )?(chair|table)",
        "aggressive destructive behaviours peers",
    ),
    (
        r"out of control|can'?t control (him|her|them)|no control over (him|her|them)|won'?t listen to (anyone|me|his mum|her mum|them|us)|does what(ever)? (he|she|they) (likes|wants)|runs? rings round|rules the roost|hits? (his|her) (mother|dad|father|parents?)|violent (towards|to) (his|her) (mum|mother|dad|father|parents?)|(mum|dad|mother|parents?) (is |are )?(scared|frightened|afraid) of (him|her)|child to parent violence|capva|smash(es|ed)? up the house|punch(es|ed)? holes in",
        "beyond parental control boundaries family breakdown",
    ),
    (
        r"defian\w*|oppositional|rude (to|towards) (staff|teachers|adults)|answers? back|back ?chat|won'?t follow (instructions|rules)|class clown|disrupt\w* (lessons|the class)",
        "disruptive challenging behaviour defiant",
    ),
    (
        r"(changed|change in) (his |her |their )?(behaviour|personality)|not the same (child|kid|boy|girl)|out of character|personality change",
        "changes in behaviour atypical uncharacteristically",
    ),
    (
        r"cruel(ty)? to (animals|the (cat|dog|pets?))|hurt(s|ing)? (animals|the (cat|dog|pets?))|kill(ed|s|ing) (animals|the (cat|dog)|birds)|tortur\w* (animals|the (cat|dog))",
        "intentional harm of others animals",
    ),
    (
        r"humping|simulat\w* sex|sexual (play|language|knowledge)|knows too much about sex|talks about sex|masturbat\w*",
        "sexualised behaviour inappropriate sexual",
    ),
    # Identity, discrimination, peers and social development
    (
        r"racis\w*|racially abused|islamophob\w*|homophob\w*|transphob\w*|antisemit\w*|hate crimes?|picked on (for|because of) (his|her|their) (colour|religion|race|accent|disability|sexuality)",
        "discrimination bullying identity prejudiced",
    ),
    (
        r"trans|transgender|non[- ]?binary|gender (questioning|dysphoria)|(coming|came|come) out as|gay|lesbian|bisexual|queer|lgbt\w*|pronouns",
        "LGBTQ sexual identity gender sexuality",
    ),
    (
        r"eal|english as an additional language|new to (the )?country|new arrivals?|doesn'?t speak english|no english|interpreter",
        "cultural background ethnicity reduced access",
    ),
    (
        r"cyber[- ]?bull\w*|troll(s|ed)|horrible messages|nasty comments|piled on|bully(ing)? others|(is|being) a bully|picks? on (other|younger) (children|kids|pupils)",
        "bullying trolling perpetrator",
    ),
    (
        r"wrong crowd|bad crowd|new crowd|bad influence|negative peers|mixing with (older|adults|the wrong)",
        "negatively influential peers peer group",
    ),
    (
        r"mature for (his|her|their) age|old head|little adult|streetwise|acts older|looks older|knows what (she|he)'?s doing|lifestyle choice|making (her|his|their) own choices",
        "adultification vulnerable protection",
    ),
    # Development, speech, toileting, self-care and disability
    (
        r"speech therap\w*|no words|only (a few|\d+) words|not (yet )?(babbling|pointing|saying words)|non[- ]?verbal|selective(ly)? mut\w*|mutism|stammer\w*|stutter\w*",
        "communication difficulties language speech",
    ),
    (
        r"gross motor|fine motor|clumsy|can'?t hold a pencil|not (yet )?(walking|crawling|sitting up)|unsteady on (his|her|their) feet|floppy",
        "motor skills developmental milestones delayed",
    ),
    (
        r"wets? (the bed|himself|herself|themselves)|wetting|bed[- ]?wett\w*|soil(s|ed|ing)|still in nappies|not toilet trained|toilet train\w*|encopresis|enuresis|smear(s|ed|ing)? (poo|faeces)",
        "bedwetting soiling",
    ),
    (
        r"can'?t (dress|wash|feed) (himself|herself|themselves)|still (spoon[- ]fed|in a buggy|on a bottle|in a pushchair)|body odour|bo|greasy hair|(doesn'?t|won'?t|refuses to) (wash|shower|bathe|brush (his|her|their) teeth)|matted hair|dirty nails",
        "self-care skills hygiene independence",
    ),
    (
        r"makes? (his|her|their) own (meals|tea|dinner|breakfast|lunch)|gets? (himself|herself|themselves) (up|ready|to school)|fends? for (himself|herself|themselves)|parentified",
        "self-sufficiency age stage development",
    ),
    (
        r"neurodiver\w*|on the spectrum|sensory (processing|needs|issues)|pathological demand|oppositional defiant|tourette\w*|neurodevelopmental|awaiting (a |an )?(asd |adhd )?(assessment|diagnosis)",
        "disability special needs diagnosed",
    ),
    (
        r"wheelchair user|in a wheelchair|tube[- ]fed|peg fed|ng tube|gastrostomy|non[- ]ambulant|profound(ly)? (and multiple|disabled)|pmld|complex medical needs",
        "disability relies care needs supervision",
    ),
    (
        r"respite|short breaks?|overnight breaks|burn(ed|t)? out|exhausted (mum|dad|parents?|carers?)|can'?t manage (him|her|them|his behaviour|her behaviour)",
        "short breaks respite disabled child support",
    ),
    # Education, attendance and learning
    (
        r"\d{2} ?% attendance|attendance (of|at|is|is at) \d{2}|below \d{2} ?%|persistent(ly)? absen\w*|pa list|always late|late (every|most) (day|morning)s?|lates|holidays? in term ?time|term[- ]time holidays?|unauthorised absences?|fines? for (attendance|absence)|penalty notices?|ewo|education welfare( officer)?|attendance officer",
        "attendance punctuality absences prosecutions",
    ),
    (
        r"school refus\w*|won'?t go to school|refuses to go to school|anxious about school|ebsa|emotionally based|can'?t get (him|her|them) (in|to school)",
        "non-school attendance anxiety mental health",
    ),
    (
        r"fixed[- ]term|perm(anently)? excluded|permanent exclusion|reduced timetable|part[- ]time timetable|internal exclusion|pupil referral unit|pru|alternative provision|sent home (from school|early)|managed moves?|moved schools|changed schools|new school again|(several|lots of|many) (different )?schools|in-?year (transfer|admission)",
        "exclusions excluded moves between schools placements",
    ),
    (
        r"home[- ]?school\w*|home[- ]?(ed|educat\w*)|ehe|elective home|taken off (the )?roll|off[- ]rolled|deregistered|not on (a|any) school roll|missing (from|out of) education|cme|no school place",
        "home education missing from education school placement",
    ),
    (
        r"dropped out( of (college|school|sixth form|uni))?|left college|quit college|kicked out of college|not at college|not in college|no college place|apprenticeships?|work experience|part[- ]time job|careers? (advice|plans)|sixth form|college course|further education",
        "education employment training labour market",
    ),
    (
        r"behind (in|with) (his|her|their) (work|reading|maths|learning)|below (age[- ])?expected|working below|not making progress|falling behind|can'?t read|bottom set|(marks|grades) (have )?(dropped|slipped)",
        "under-achieving academic progress learning",
    ),
    (
        r"can'?t (concentrate|focus|sit still)|poor concentration|daydream\w*|zones? out|easily distracted|fidget\w*|attention span",
        "concentration attention engagement",
    ),
    (
        r"dyslexi\w*|dyspraxi\w*|dyscalcul\w*|processing (difficulties|disorder)|working memory|global developmental delay|gdd|senco|sen support|one[- ]to[- ]one support|1:1 support|ta support|special school|iep|statemented|statement of sen",
        "special educational needs specific learning statement",
    ),
    (
        r"(mum|dad|parents?) (won'?t|doesn'?t|don'?t|never) (come to|attend) (parents'? evening|meetings|school)|never (comes|come) to parents'? evenings?|ignores? (school|our) (calls|letters|emails)|won'?t engage with (school|us)",
        "parent engage school resists supportive interventions",
    ),
    (
        r"keeps? (him|her|them) (off|home|at home)|kept (him|her|them) (off|home)|won'?t let (him|her|them) (go to|attend) school|pulls? (him|her|them) out of school",
        "prevents learning removed from school attendance",
    ),
    # Parenting: warmth, boundaries, supervision, safety and stimulation
    (
        r"cold (towards|to) (him|her|them|the child)|never (praises?|hugs?|cuddles?)|no (praise|affection|cuddles)|doesn'?t (hug|cuddle|praise)|unloving|unaffectionate|favouritism|favours (his|her|their) (brother|sister|siblings?)|scapegoat\w*|golden child|treats? (him|her) differently",
        "emotional warmth praise rejecting critical",
    ),
    (
        r"(doesn'?t|never|won'?t|didn'?t) (comfort|soothe|respond to) (him|her|them|the baby)|leaves? (him|her|them|the baby) to cry|left (to )?cry(ing)?|ignor(es|ed|ing) (his|her|their|the baby'?s) (cries|crying)",
        "comforted distressed responsive crying",
    ),
    (
        r"(too|very|overly) strict|harsh (parent|parenting|discipline|punishments?)|authoritarian|grounded for (weeks|months)|lock(s|ed)? (him|her|them) in (his|her|their|the) (room|bedroom|cupboard)|locked in (his|her|their|the) (room|bedroom|cupboard)|tiger (mum|parent|mother)|pushy (parent|mum|dad)|pressure to (achieve|do well|get good grades)|hothoused",
        "harsh critical boundaries punishment pressure achieve",
    ),
    (
        r"no rules|no routine|no bedtime|lets? (him|her|them) do what(ever)? (he|she|they) (wants?|likes)|(stays?|staying) up (all night|till|until)|no boundaries|too soft|pushover|can'?t say no|chaotic (house|home|household|family)|chaos at home",
        "routine boundaries chaotic family environment",
    ),
    (
        r"threatens? to (leave|send (him|her|them) away|put (him|her|them) in care|hurt (him|her|them))|(told|tells|says to)( him| her| them)? (he|she|they)('?s| is| are| was| were) (unwanted|a mistake)|wish(es|ed)? (he|she|they) (was|were|had been) never born|mind games",
        "verbal threats emotional abuse rejecting",
    ),
    (
        r"left (with|in charge of) (her|his|their) (little|younger|baby) (brother|sister|siblings?)|babysit\w*|looking after (his|her|their) (little|younger|baby) (brother|sister|siblings?)|playing out (late|alone)|out playing (late|alone)|found wandering|wander(s|ing|ed) (the streets|off)",
        "supervision younger siblings caring",
    ),
    (
        r"balcon\w*|open windows?|stair ?gates?|(medicine|tablets|pills|methadone) (left )?(lying )?(around|within reach|on the (side|table|floor))|exposed wires|broken glass|fire ?guard|unguarded fire|dangerous dogs?|xl bully|pit ?bull|dog bites?|bitten by (a|the|their) dog|dog (bit|attacked)",
        "hazards safety dangerous situations",
    ),
    (
        r"no toys|no books|(never|doesn'?t) play(s|ed)? with (him|her|them)|never talked to|stuck in (a |the )?(buggy|pushchair|cot|car seat)|left in (the |a )?(cot|buggy|pushchair)|under[- ]?stimulat\w*|no stimulation|never taken out|(on|glued to) (the )?(ipad|tablet|screen|tv|telly|phone) all day|screen time|in front of the (tv|telly) all day|telly all day",
        "stimulation play toys television new experiences",
    ),
    (
        r"after[- ]school (clubs?|activities)|youth (club|centre)s?|scouts|cubs|brownies|cadets|hobbies|extra[- ]?curricular|swimming lessons|football (club|team|training)|boxing (club|gym)",
        "leisure activities positive activities clubs",
    ),
    # Basic care, clothing and physical neglect
    (
        r"no coat|without a coat|(t-?shirt|shorts|sandals) in (winter|the snow|the cold)|not dressed for the weather|(shoes|trousers|uniform|clothes) (too small|too big|with holes|falling apart|worn out)|holes in (his|her|their) (shoes|clothes)|same (clothes|uniform) (every day|all week)|no (school )?uniform",
        "inappropriate clothing weather",
    ),
    (
        r"nappy rash|sores|rashes|impetigo|scabies|ringworm|skin (infections?|problems)|swollen (tummy|belly|stomach)|pot belly|ribs showing|bones showing|sunken eyes",
        "poor skin tone sores rashes physical signs neglect",
    ),
    (
        r"steal(s|ing)? food|sneak(s|ing)? food|hoard(s|ing)? food|takes? food home|bins? for food|always asking for food|asks? (other kids )?for food",
        "food drink material needs neglect",
    ),
    (
        r"poor (presentation|appearance)|uncared[- ]for|not (being )?looked after properly|grubby|stained clothes|bedraggled|neglected[- ]looking",
        "poor physical appearance unkempt neglect",
    ),
    # Family relationships, separation, wider family and carers
    (
        r"split up|splitting up|broke up|divorc\w*|custody (battle|dispute)|contact (dispute|battle|arrangements)|cafcass|child arrangements order|warring parents|acrimonious|step[- ]?(dad|mum|father|mother|parent|family|siblings?)|blended family",
        "parental separation step parenting conflict",
    ),
    (
        r"new (boyfriend|partner|girlfriend)|(boyfriend|partner) (moved|has moved) in|unknown (male|man|partner)|man (we|no one) (know|knows) nothing about",
        "individual posing risk household",
    ),
    (
        r"grand(ma|mum|mother|dad|pa|father|parents)|nan|nana|nanny|granny|grandad|gran|no support network|no family (nearby|around|here|support)|no one to help|nobody to help|no friends or family|isolated (mum|mother|dad|family|parent)|doesn'?t know anyone",
        "extended family network support grandparents",
    ),
    (
        r"feud\w*|(falling|fell|fallen) out with|not speaking to (each other|her family|his family)|family (rift|dispute)|interfering (family|relatives|grandparents|in-laws)|in-?laws",
        "destructive unhelpful involvement extended family conflict",
    ),
    (
        r"doesn'?t want (him|her|them)( anymore| back)?|don'?t want (him|her|them)|wants? (him|her|them) (gone|out|taken into care|put into care)|threw (him|her|them) out|thrown out of home|kicked (him|her|them) out|kicked out of home|chucked out|told to leave home|asked for (him|her|them) to be (taken|accommodated|placed)|abandoned|not collected|not picked up|(nobody|no one|no-one) (came|turned up) to (collect|pick up)|left at (school|nursery)|parents? (left|went) abroad",
        "rejects abandoned evicted accommodated no available parent",
    ),
    (
        r"(different|lots of|various|random) (people|adults|men|carers|babysitters) (looking after|collecting|picking up|caring for)|passed around|pass(ed|es)? (him|her|them) around|stays? with (different|various) (people|relatives|friends)|farmed out|childminders?|creche|playgroup|nursery (place|sessions|attendance)|funded (place|hours)",
        "multiple carers child care arrangements nursery",
    ),
    (
        r"previous (children|child|baby|babies) (removed|taken|adopted)|older (children|siblings) (removed|taken into care|adopted)|had (a|her|previous|other) (child|children|baby|babies) (removed|taken)|(mum|dad|mother|father|parents?) (was|were|grew up) (in care|abused|looked after)|(her|his|their) own (childhood|upbringing)|care experienced (mum|dad|parent)|intergenerational",
        "previous children own emotional experiences history",
    ),
    (
        r"(mum|dad|mother|father|parents?)('s| is| are| was| went)? (in |inside |to )?(prison|jail)|prison sentence|serving time|doing time|locked up|(dad|mum|father|mother|parent|stepdad|partner|uncle|brother)('?s| is| was| has)? (a )?(known )?(drug dealer|dealer|criminal|gang member|violent offender)|criminal (family|history)|(family|dad|brother) (is |are )?(known|involved) (to the police|in crime|in gangs?)",
        "prison criminal record activity family gang",
    ),
    (
        r"(brother|sister|sibling)('?s)? (is )?(disabled|autistic|seriously ill|has (autism|adhd|cancer|a disability))|disabled (brother|sister|sibling)",
        "siblings disabilities health conditions",
    ),
    (
        r"does (all )?the (shopping|cooking|cleaning|housework)|(helps|helping) (mum|dad) (wash|dress|shower|get dressed)|gives? (mum|dad|her mum|his mum) (her|his) (meds|medicine|injections)|translat\w* for (mum|dad|his parents|her parents|the family)|interprets? for (mum|dad|his|her|the family)",
        "young carer caring responsibilities household chores",
    ),
    (
        r"(always|very|constantly|so) tired in (class|school|lessons)|tired all the time|falls? asleep in (class|lessons|school)|sleeps? in (class|lessons)",
        "lack of sleep",
    ),
    # Housing
    (
        r"hoarder|hoarded|compulsive hoarding|filthy (house|home|flat|conditions)|squal\w*|(dog|cat|animal) (mess|poo|faeces)|rubbish (everywhere|piled)|piles of rubbish|cockroach\w*|infest\w*|bed ?bugs|fleas|rats|mice|state of the (house|home|flat)",
        "home consistently dirty health safety hazards",
    ),
    (
        r"damp|mou?ld|black mould|leak(s|ing|y)? (roof|ceiling)|disrepair|condemned|unfit for (habitation|living)|no (hot water|electric\w*|gas|running water)|sleeping on the floor|mattress on the floor",
        "poor state repair housing dangerous health",
    ),
    (
        r"overcrowd\w*|one[- ]bed(room)? flat|(sharing|share) (a|one) (room|bed|bedroom)|(kids|children) in one (room|bedroom)|(living|lives|staying) in one room|bedsit|temporary accommodation|emergency accommodation|keeps moving|moving (around|from place to place|house a lot)|(lots|loads) of (house )?moves|transient|no fixed abode|nfa|(living|sleeping) in (a|the|their) car|rough sleep\w*|sleeping rough",
        "overcrowded temporary accommodation stable home",
    ),
    (
        r"rent arrears|behind (on|with) (the |her |their )?rent|can'?t pay (the )?rent|notice to quit|section 21|s21 notice|possession (order|proceedings)|bailiffs?|landlord (is )?(evicting|kicking them out)",
        "rent arrears eviction proceedings",
    ),
    # Income, employment and legal status
    (
        r"universal credit|uc|benefits? (stopped|sanction\w*|cut)|sanctioned|on benefits|no money (for|left)|poverty|money (is )?tight|cost of living|pay ?day loans?|loan sharks?|(gas|electric) (ran|run) out|can'?t (top up|put) (the )?(gas|electric|meter)|fuel poverty",
        "low income poverty debt financial",
    ),
    (
        r"unemployed|out of work|lost (his|her|their) job|made redundant|redundan\w*|on the dole|jobless|job ?seeker\w*|job ?centre|never worked|can'?t (find|get) (a )?(job|work)",
        "unemployment employment",
    ),
    (
        r"works? (nights|night shifts|long hours|all the time|two jobs)|shift work|zero[- ]hours?|always at work",
        "working arrangements stressful",
    ),
    (
        r"nrpf|overstay\w*|undocumented|illegal (immigrant|migrant|worker)|no papers|home office|deport\w*|removal (order|directions)|detention cent(re|er)|refugees?|leave to remain|settled status|brp|uasc|unaccompanied",
        "legal status public funds deportation",
    ),
    # Community and neighbourhood
    (
        r"rough (area|estate|neighbourhood)|dodgy (area|estate)|scared to go out|afraid to (go out|walk)|threatened by (older|local|other) (kids|boys|youths|lads)|gangs on the estate",
        "neighbourhood locality intimidating threatening",
    ),
    (
        r"hanging around|hangs (around|about)|loiter\w*|on the streets|graffiti|vandal\w*|criminal damage|smashing windows|fire[- ]?setting|arson|throwing (stones|eggs)|causing trouble|nuisance|rowdy",
        "anti-social behaviour neighbourhood",
    ),
    (
        r"neighbours? (complain\w*|hate|targeting|harass\w*|abusive)|neighbour dispute|hate mail|windows? (smashed|put in)|targeted by (the )?(neighbours|locals|community)|ostracis\w*|shunned",
        "community hostile family socially excluded",
    ),
    (
        r"no (local )?(services|support groups|children'?s centre)|nothing (round here|to do)|no buses|no transport|can'?t get to (the )?(appointments|clinic|centre|services)|too far to (travel|get)",
        "community facilities difficulty accessing services",
    ),
    # Police attention, offending and youth justice
    (
        r"known to (the )?police|on (the )?police radar|brought home by (the )?police|picked up by (the )?police|police (keep|are always|always) (bringing|picking)|nicked|got arrested|been arrested|in custody|in a cell|police cell",
        "arrested notice of the police",
    ),
    (
        r"charged with|court (date|case|appearance|hearing)|youth court|magistrates|crown court|convicted|sentenced|on remand|remanded|bailed|on bail|released under investigation|referral order|youth rehabilitation order|yro|electronic tag|on a tag|curfew|community order|police caution|youth caution|conditional caution",
        "charged convicted prosecution court orders youth offending",
    ),
    (
        r"young offenders?( institution)?|yoi|secure (unit|children'?s home|training centre)|stc|juvie",
        "custody remand secure unit prison",
    ),
    (
        r"shoplift\w*|stealing|steals|stole|thiev\w*|burglar\w*|pickpocket\w*|nicking (stuff|things|from)",
        "thefts petty theft crime",
    ),
    (
        r"joyrid\w*|twoc|stolen (car|moped|bike)|riding (a )?(moped|scooter|motorbike)|driving without (a )?(licence|insurance)",
        "motoring offences",
    ),
    (
        r"mugged|robbed (of|at)|assaulted (by|on)|jumped by|attacked by (a group|older|other|some)|beaten up by|had (his|her) phone (nicked|stolen|taken)",
        "victim of crime anti-social behaviour",
    ),
    (
        r"shank\w*|zombie knife|ninja sword|knuckle ?dusters?|bb gun|air rifle|firearms?|tooled up|stab(bed|bing|s)?|slashed|wounding|gbh|grievous bodily harm|shot at|shooting",
        "weapon offensive youth violence injury",
    ),
    (
        r"talk(s|ing|ed)? about (carrying|having|getting) (a )?(knife|weapon|blade|shank)|says? (he|she) (carries|has|needs) (a )?(knife|weapon|blade)|(carries|carrying|carry) (it|a knife|a blade|a weapon) for protection",
        "talks carrying weapon",
    ),
    (
        r"postcode (wars?|rivalry|beef)|beef with|opps|rival (groups|estates|gangs?)|olders|youngers|gang (member|affiliated|associated)|affiliated (to|with)|drill (music|videos?|rap)|gang (videos|signs|colours)|flexing (money|cash)|showing off (money|cash|knives)|brags? about (fighting|stabbing|knives)",
        "gang involvement glamorises criminal violent",
    ),
    # Exploitation (criminal and sexual), trafficking and extra-familial harm
    (
        r"going ?country|cunch|trapping|run(ning)? (a|the) line|deal line|holding (drugs|packages|a package|stuff) for|plugg(ing|ed)|bandos?",
        "criminal exploitation drug supply out of borough",
    ),
    (
        r"owes? (them|someone|people|a gang) money|drug debts?|debt bondage|set up robbery|being used by|taken advantage of|controlled by (older|a gang|them)|designer (clothes|gear|trainers|bags?)|(loads|lots|wads?|rolls?) of (cash|money)|money (he|she|they) can'?t (explain|account for)",
        "criminal exploitation coerced unexplained money",
    ),
    (
        r"sugar daddy|parties with (older|men|adults)|(taken|driven) (to|around) (parties|hotels|flats)|in cars with (older )?(men|males|adults)|picked up (in|by) (different )?cars|given (alcohol|drugs|vapes|cigarettes|lifts)|free (drugs|vapes|alcohol|weed)|lifts from (older|men|adults)",
        "sexual exploitation reward older adults",
    ),
    (
        r"hotel rooms?|airbnbs?|taken to (a )?(flat|house|hotel)|party (house|flat)",
        "hotel property exploitation harmed",
    ),
    (
        r"(picked up|collected) by (an? )?(unknown|strange|random|older) (man|men|adult|woman|male|person)|(calls? him|says he'?s) (her|his) uncle",
        "accompanied adult legal guardian",
    ),
    (
        r"bring(s|ing)? (other|younger) (kids|children|girls|boys|friends) (to|along|with)|introduc(ing|es|ed) (other|younger) (kids|children|girls|boys|friends) to",
        "exploited recruit others",
    ),
    (
        r"traffick\w*|modern slavery|slave\w*|nrm|national referral mechanism|child labour|(he|she|they|child) (is |are )?working (in|at|for) (a |the |an )?(shop|restaurant|takeaway|car ?wash|nail bar|factory|uncle'?s)",
        "trafficked domestic slavery child labour illegal employment",
    ),
    (
        r"(teacher|coach|tutor|youth worker|staff member|member of staff|imam|priest|scout leader|foster carer|nurse|doctor|social worker|childminder|nursery worker) (has |had )?(been )?(touched|hurt|hit|abused|groomed|messag\w*|text\w*)|allegation against (a |the )?(member of staff|teacher|staff|colleague|coach)|lado",
        "allegations harm position of trust professional",
    ),
    # Sexual abuse and sexual activity
    (
        r"touched (her|him|them|me)|touching (her|him|them)|inappropriate(ly)? touch\w*|molest\w*|interfered with|private parts|privates|down (her|his) (pants|knickers)|raped?|raping|sexual(ly)? assault\w*|forced (her|him) to have sex|made (her|him) have sex",
        "sexual abuse sexually abused assault",
    ),
    (
        r"(told|tells|has told) (me|us|a teacher|her teacher|his teacher|staff|the teacher|her friend|his friend) (that )?(someone|somebody|a man|an adult|(her|his|their|my) (dad|mum|stepdad|stepmum|uncle|brother|cousin|boyfriend|mum\'?s boyfriend)) (hit|hits|hurt|hurts|touched|touches|touching|did|does|made|makes|took|takes)|opened up (to|about)|let (it )?slip|confided",
        "disclosure allegation",
    ),
    (
        r"sex offenders?|paedo\w*|pedo\w*|nonce|on the (sex offenders?'? )?register|rso|schedule one|child porn\w*|indecent images of children|iioc|known to (the )?police for (sexual|violent)|convicted (of|for) (assault|violence|gbh|abh|robbery)|served time|(out of|released from) prison|on licence|on probation|probation",
        "registered offender schedule criminal record MAPPA",
    ),
    (
        r"peer on peer|child on child|upskirt\w*|grabbing (girls|boys)|sexual comments|slut[- ]?sham\w*|rating (girls|boys)",
        "peer-on-peer harmful sexual behaviour harassment",
    ),
    (
        r"porn|porno|watching sex videos|adult (sites|websites|content|videos)|onlyfans",
        "pornography violent exploitative",
    ),
    (
        r"having sex|sexually active|lost (her|his) virginity|hooking up|hook[- ]ups?|under ?age sex|unprotected sex|no condom|risky sex|multiple (sexual )?partners|lots of partners",
        "sexual activity unsafe risk taking",
    ),
    (r"gum clinic|sexual health clinic|family planning|c-?card", "sexual health clinic contraceptive"),
    (
        r"dick pics?|sending pics|explicit (photos|pictures|images|videos)|intimate (images|photos)|topless (photo|pic|picture)s?|pics of (herself|himself)",
        "sexual images indecent shared",
    ),
    # Online harm
    (
        r"gaming (all night|till|until)|gaming addict\w*|addicted to (gaming|the xbox|fortnite|(his|her|their) phone|screens?|the internet)|up all night on (his|her|their) (phone|console|tablet|xbox)",
        "gaming obsessively addiction",
    ),
    (
        r"xbox|playstation|fortnite|roblox|minecraft|call of duty|gta|whats ?app|telegram|omegle|kik|yubo|wizz|group chats?|dms|dm'?d|direct messag\w*|messaging apps?",
        "gaming internet social media applications",
    ),
    (
        r"secretive (about|on|with) (her|his|their) (phone|laptop|tablet)|hides (her|his|their) phone|deletes? (messages|history|chats)|second phone|burner( phone)?|another phone|two phones|spare phone|multiple phones|sim cards?",
        "secretive concealing multiple SIMs phones",
    ),
    (
        r"met (him|her|someone|a man|them) online|talking to (strangers|men|someone) online|online (boyfriend|girlfriend|friend)|catfish\w*|strangers? online",
        "groomed online meet person",
    ),
    (
        r"sextortion|blackmail\w*|threatening to (share|post|send) (her|his|the) (pictures|photos|pics|images|videos?)|revenge porn|(pics|photos|nudes) (shared|leaked|sent round)|leaked (her|his) (pics|photos|nudes)",
        "coerced indecent images shared without consent",
    ),
    # Missing from home
    (
        r"abscond\w*|awol|no idea where (she|he|they) (is|was|goes)|don'?t know where (she|he|they) (is|was|goes)|vanish\w*|gone for days|missing episodes?|reported missing|misper|return (home )?interviews?",
        "missing whereabouts unknown runs away",
    ),
    (
        r"comes? home late|coming (in|home) late|out late|out (till|until) (\d|midnight|the early hours)|breaks? (her|his|their)? ?curfew|not answering (her|his|their) phone|phone (off|switched off)|won'?t answer (her|his|their) phone",
        "not returned normal time answer phone whereabouts",
    ),
    # Harmful practices: FGM, forced marriage, honour, spirit possession
    (
        r"sunna|khitan|tahur|infibulat\w*|clitoridectomy|labia elongation|cutting ceremony|initiation ceremony|purification ceremony|breast ironing|breast flattening",
        "female genital mutilation harmful traditional practices",
    ),
    (
        r"long holiday|extended holiday|(home country|country of origin|motherland)|going back home for (the )?summer|(taken|going|sent|travel\w*) abroad|visit(ing)? (family|relatives) abroad|out of the country",
        "long holiday travel country origin abroad",
    ),
    (
        r"walking (strangely|differently|funny|awkwardly)|difficulty walking|(long time|ages) in the toilet|(always|keeps|frequently) going to the toilet|frequent urination|excused from pe|won'?t do pe|sits? out (of )?pe|urinary (tract )?infections?|utis?",
        "discomfort walking toilet excusing PE",
    ),
    (
        r"engaged to (be married|a man|an older|her cousin|someone)|engagement party|betroth\w*|promised (in marriage|to a man|to her cousin)|husband (chosen|picked|lined up)|arranged (marriage|match)|cousin marriage|nikah|rishta|spouse visa|marriage abroad",
        "forced marriage arranged duress",
    ),
    (
        r"house arrest|kept (at|in the) home|not allowed out|(isn'?t|not) allowed (to go )?out|always (accompanied|escorted|chaperoned)|chaperon\w*|(passport|passports) (taken|confiscated|removed)|excessive restrictions?",
        "excessive restriction control accompanied forced marriage",
    ),
    (
        r"izzat|shame(d)? (on |to )?(the )?family|brought shame|dishonour\w*|disown(ed|ing)?|family'?s? reputation|wrong (caste|religion)|caste",
        "honour based violence harmful practices",
    ),
    (
        r"jinn|djinn|juju|ju-ju|voodoo|exorcis\w*|deliverance|kindoki|black magic|evil eye|cursed by|put a curse|a curse on|under a curse|obeah|ndoki|sorcer\w*",
        "spirit possession witchcraft belief",
    ),
    # Radicalisation and extremism
    (
        r"incel\w*|manosphere|andrew tate|white (power|supremac\w*|pride)|swastikas?|hitler|great replacement|kkk|daesh|islamic state|al[- ]?qaeda|kuffar|infidels?|martyr\w*|conspiracy|new world order|illuminati|chemtrails",
        "extreme views extremist ideology conspiracy theories",
    ),
    (
        r"beheading (videos?|clips?)|terror attacks?|school shoot(ing|er)s?|mass shoot(ing|er)s?|bomb[- ]making|make a bomb|shoot up the school",
        "violent extremist imagery terrorism",
    ),
    (
        r"prevent (referral|officer|lead|team)|(referred|referral) to (the )?prevent|channel (panel|referral|programme)|counter[- ]terror\w*",
        "radicalisation Prevent extremism",
    ),
    (r"taken to (a |the )?(protest|rally|march|demo)|protests|rallies", "demonstrations marches"),
    (
        r"(go|going|went|travel\w*) to (syria|iraq|afghanistan|the caliphate|fight)|join (isis|the fighters|a terrorist)|fight(ing)? abroad",
        "travel conflict zone terrorist groups",
    ),
    # Looked after children and private fostering
    (
        r"in care|(local authority|la) care|(?<!private )foster (care|placement|home)s?|children'?s home|residential (home|placement|unit)|care leavers?|leaving care|previously (in care|looked after)|special guardianship|sgo",
        "looked after care leaver accommodated",
    ),
    (
        r"living with (a |his |her |their )?(friend|mate|girlfriend|boyfriend)('?s)? (family|parents|house|mum)|staying with (her|his|their) (boyfriend|girlfriend|mate)'?s? (family|parents|mum)|living with (a |his |her |their )?(cousin|great[- ]aunt|great[- ]uncle|family friend)|language (school|course)|exchange (student|trip|visit)|came (here|over|to the uk) for (medical )?treatment",
        "private fostering arrangement",
    ),
    # Professional engagement, process and consent
    (
        r"disguised compliance|says? (all )?the right things|goes? through the motions|(cancels?|cancelled|keeps cancelling) (the |our |my )?(visits|appointments|home visits)|(not|never|won'?t) answer(ing|s)? the door|hides? from (us|professionals|social workers|the hv)|avoid(s|ing|ant) (professionals|services|social workers|contact|us)|hostile (to|towards) (professionals|us|workers|services)",
        "avoid contact engage non-compliance pattern of closure",
    ),
    (
        r"bounced back|re-?referr\w*|keeps coming back|referred (before|again)|closed and reopened|revolving door|nothing changes|no change despite",
        "previously involved closed referral little change",
    ),
    (
        r"strat(egy)? (meeting|discussion)|strat meet|icpc|rcpc|case conference|child protection conference",
        "strategy discussion conference section 47 enquiry",
    ),
    (r"police protection|emergency protection order|epo|place of safety", "immediate danger protection police"),
    (
        r"permission|without (telling|asking) (the |her |his |their )?(parents?|mum|dad|family)|behind (their|the parents'?|mum'?s) back|gdpr|pass (it|this) on|share (info|details)",
        "consent information sharing parental consent",
    ),
]
