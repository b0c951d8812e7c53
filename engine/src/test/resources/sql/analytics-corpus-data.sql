-- The small dataset of the analytics corpus (analytics-corpus.sql), loaded into ShopCatalog's tables.
insert into rudder.tracks values
 ('t1','a1','u1','Product Viewed','{"product_id":"p1","price":"19.90","plan":"pro","items":[{"sku":"s1"}]}','https://shop.example/p1?utm_source=google&utm_campaign=spring','2024-03-01 09:00:00','2024-03-01 09:00:00+00'),
 ('t2','a1','u1','Product Added','{"product_id":"p1","price":"19.90","plan":"pro"}','https://shop.example/cart?utm_source=google','2024-03-01 09:05:00','2024-03-01 09:05:00+00'),
 ('t3','a1','u1','Order Completed','{"order_id":"1","revenue":"19.90","plan":"pro"}','https://shop.example/done','2024-03-01 09:20:00','2024-03-01 09:20:00+00'),
 ('t4','a2',null,'Product Viewed','{"product_id":"p2","price":"5.00"}','https://shop.example/p2?utm_source=newsletter','2024-03-01 10:00:00','2024-03-01 10:00:00+00'),
 ('t5','a2','u2','Product Viewed','{"product_id":"p1","price":"19.90","plan":"free"}','https://shop.example/p1','2024-03-02 08:00:00','2024-03-02 08:00:00+00'),
 ('t6','a2','u2','Product Added','{"product_id":"p1","price":"19.90"}','https://shop.example/cart','2024-03-02 08:50:00','2024-03-02 08:50:00+00'),
 ('t7','a3','u3','Product Viewed','{"product_id":"p3","price":"120.00","plan":"team"}','https://shop.example/p3?utm_source=ads&utm_campaign=b2b','2024-03-03 12:00:00','2024-03-03 12:00:00+00'),
 ('t8','a3','u3','Order Completed','{"order_id":"3","revenue":"120.00","plan":"team"}','https://shop.example/done','2024-03-03 12:10:00','2024-03-03 12:10:00+00'),
 ('t9','a1','u1','Opted Out','{}','https://shop.example/settings','2024-03-05 18:00:00','2024-03-05 18:00:00+00'),
 ('t10','a4',null,'Product Viewed','{"product_id":"p2","price":"5.00"}','https://shop.example/p2','2024-03-05 19:00:00','2024-03-05 19:00:00+00');
insert into rudder.pages values
 ('p1','a1','u1','https://shop.example/','https://google.com','2024-03-01 08:55:00'),
 ('p2','a1','u1','https://shop.example/p1','https://shop.example/','2024-03-01 09:00:00'),
 ('p3','a1','u1','https://shop.example/cart',null,'2024-03-01 10:30:00'),
 ('p4','a2',null,'https://shop.example/','https://newsletter.example','2024-03-01 09:58:00'),
 ('p5','a2','u2','https://shop.example/p1',null,'2024-03-02 07:59:00'),
 ('p6','a3','u3','https://shop.example/p3','https://ads.example','2024-03-03 11:59:00'),
 ('p7','a4',null,'https://shop.example/p2',null,'2024-03-05 18:59:00'),
 ('p8','a4',null,'https://shop.example/',null,'2024-03-05 20:30:00');
insert into rudder.identifies values
 ('i1','a1','u1','ann@example.com','{"plan":"pro","company":"Acme"}','2024-03-01 09:10:00'),
 ('i2','a1','u1','ann@acme.example','{"plan":"pro","company":"Acme"}','2024-03-04 09:10:00'),
 ('i3','a2','u2','bob@example.com','{"plan":"free"}','2024-03-02 08:10:00'),
 ('i4','a3','u3','cy@team.example','{"plan":"team","company":"Team Co"}','2024-03-03 12:05:00');
insert into main.orders values
 (1,'u1',19.90,'paid','2024-03-01 09:20:00',null,1,['gift','promo']),
 (2,'u1',49.90,'paid','2024-04-02 10:00:00','SPRING',2,['promo']),
 (3,'u3',120.00,'paid','2024-03-03 12:10:00',null,3,[]),
 (4,'u2',5.00,'cancelled','2024-03-02 09:00:00',null,1,null),
 (5,'u2',15.50,'paid','2024-05-10 15:00:00','WELCOME',1,['first']),
 (6,'u3',80.00,'refunded','2024-04-15 11:00:00',null,2,['b2b']);
insert into main.users values
 ('u1','ann@acme.example','DE','2024-03-01 09:10:00',true,69.80),
 ('u2','bob@example.com','US','2024-03-02 08:10:00',true,15.50),
 ('u3','cy@team.example','US','2024-03-03 12:05:00',false,120.00),
 ('u4',null,'FR','2024-03-06 10:00:00',true,0);
insert into main.identity_graph values
 ('a1','u1','2024-03-01 08:55:00'), ('a2','u2','2024-03-01 09:58:00'), ('a3','u3','2024-03-03 11:59:00');
